package io.helmdeck.release.reconcile;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.ReleasePhase;
import io.helmdeck.support.metrics.CountGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * {@code helmdeck_releases{phase}}: how many releases are in each phase, counted in the database (so every replica
 * reports the same, whole number) every 15 seconds.
 */
@ApplicationScoped
public class ReleasePhaseMetrics {

    private static final String COUNT = """
            SELECT CASE WHEN r.suspend THEN 'Suspended' ELSE s.phase END, count(*)
              FROM helm_release r JOIN helm_release_status s ON s.release_id = r.id GROUP BY 1""";

    private final Pool pool;
    private final CountGauges byPhase;

    public ReleasePhaseMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.byPhase = CountGauges.byLabel(registry, "helmdeck_releases", "Helm releases by phase", "phase",
                Arrays.stream(ReleasePhase.values()).map(Enum::name).toList());
    }

    @Scheduled(every = "15s", delay = 2, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        return pool.query(COUNT).execute().invoke(rows -> {
            // A phase written by a newer replica during a rolling upgrade is not a declared label: not published.
            Map<String, Long> counts = new HashMap<>();
            for (Row row : rows) {
                counts.put(row.getString(0), row.getLong(1));
            }
            byPhase.publish(counts);
        }).replaceWithVoid();
    }
}
