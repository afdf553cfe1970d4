package io.helmdeck.repo.service;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.RepositoryPhase;
import io.helmdeck.support.metrics.CountGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code helmdeck_repositories{phase}} and {@code helmdeck_sync_backlog}: repositories by phase, and those due but
 * claimed by no sync worker. Counted in the database, so every replica reports the same whole numbers (alerts take
 * their max), on a schedule rather than per scrape: a scrape only reads the last counts.
 */
@ApplicationScoped
public class RepositoryPhaseMetrics {

    private static final String BY_PHASE = """
            SELECT CASE WHEN r.suspend THEN 'Suspended' ELSE s.phase END, count(*)
              FROM oci_repository r JOIN oci_repository_status s ON s.repository_id = r.id GROUP BY 1""";
    // The claim's test (LeaseQueries.EXCHANGE) without its per-registry cap: what a worker could claim now.
    private static final String BACKLOG = """
            SELECT count(*) FROM oci_repository_status s JOIN oci_repository r ON r.id = s.repository_id
             WHERE s.next_sync_at <= $1 AND NOT r.suspend
               AND (s.lease_expires_at IS NULL OR s.lease_expires_at < $1)""";

    private final Pool pool;
    private final Clock clock;
    private final CountGauges byPhase;
    private final CountGauges backlog;

    public RepositoryPhaseMetrics(Pool pool, Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.clock = clock;
        this.byPhase = CountGauges.byLabel(registry, "helmdeck_repositories", "OCI repositories by phase", "phase",
                Arrays.stream(RepositoryPhase.values()).map(Enum::name).toList());
        this.backlog = CountGauges.single(registry, "helmdeck_sync_backlog",
                "OCI repositories due for a sync that no sync worker has claimed");
    }

    /** Counts again; scheduled, and called by tests that cannot wait for the schedule. */
    @Scheduled(every = "${helmdeck.metrics.refresh-interval:15s}", delay = 2,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> refresh() {
        Uni<Void> phases = pool.query(BY_PHASE).execute().invoke(rows -> {
            // A phase written by a newer replica during a rolling upgrade is not a declared label: not published.
            Map<String, Long> counts = new HashMap<>();
            for (Row row : rows) {
                counts.put(row.getString(0), row.getLong(1));
            }
            byPhase.publish(counts);
        }).replaceWithVoid();
        Uni<Void> due = pool.preparedQuery(BACKLOG).execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC)))
                .invoke(rows -> backlog.publish(rows.iterator().next().getLong(0))).replaceWithVoid();
        return phases.chain(() -> due);
    }
}
