package io.helmdeck.release.reconcile;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.ReleasePhase;
import io.micrometer.core.instrument.Gauge;
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
    private final Map<ReleasePhase, AtomicLong> counts = new EnumMap<>(ReleasePhase.class);

    public ReleasePhaseMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        for (ReleasePhase phase : ReleasePhase.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(phase, count);
            Gauge.builder("helmdeck_releases", count, AtomicLong::get).tag("phase", phase.name())
                    .description("Helm releases by phase").register(registry);
        }
    }

    @Scheduled(every = "15s", delay = 2, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        return pool.query(COUNT).execute().invoke(rows -> {
            counts.values().forEach(c -> c.set(0));
            for (Row row : rows) {
                try {
                    counts.get(ReleasePhase.valueOf(row.getString(0))).set(row.getLong(1));
                } catch (IllegalArgumentException | NullPointerException unknownPhase) {
                    // a phase written by a newer replica during a rolling upgrade; not counted here
                }
            }
        }).replaceWithVoid();
    }
}
