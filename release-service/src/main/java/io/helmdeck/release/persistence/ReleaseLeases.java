package io.helmdeck.release.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reconcile leases in PostgreSQL: one statement claims due releases with {@code FOR UPDATE SKIP LOCKED}, so any
 * number of release-service replicas share the work and never reconcile one release twice at the same time.
 * Suspended releases are claimed only when their spec changed since the last reconcile (to record it, and in Flux
 * mode to suspend the HelmRelease) or their deletion was requested. A lease is free once it expired, or at once for
 * the replica that held it in an earlier life (its holder starts with the claimer's replica id, and the claimer has
 * proven with {@link ReplicaLocks} that no live process uses that id): ADR 0024.
 */
@ApplicationScoped
public class ReleaseLeases {

    private static final String CLAIM = """
            WITH due AS (
                SELECT s.release_id
                  FROM helm_release_status s
                  JOIN helm_release r ON r.id = s.release_id
                 WHERE s.next_reconcile_at <= $1
                   AND (NOT r.suspend OR r.deletion_requested_at IS NOT NULL
                        OR s.observed_version IS DISTINCT FROM r.version)
                   AND (s.lease_expires_at IS NULL OR s.lease_expires_at < $1
                        OR (starts_with(s.lease_holder, $5) AND s.lease_holder <> $3))
                 ORDER BY s.next_reconcile_at
                 LIMIT $2
                   FOR UPDATE OF s SKIP LOCKED)
            UPDATE helm_release_status s
               SET lease_holder = $3, lease_expires_at = $4
              FROM due
             WHERE s.release_id = due.release_id
            RETURNING s.release_id""";

    private static final String RENEW = """
            UPDATE helm_release_status SET lease_expires_at = $1 WHERE release_id = $2 AND lease_holder = $3""";

    private static final String RELEASE = """
            UPDATE helm_release_status SET lease_holder = NULL, lease_expires_at = NULL
             WHERE release_id = $1 AND lease_holder = $2""";

    private final Pool pool;

    public ReleaseLeases(Pool pool) {
        this.pool = pool;
    }

    /**
     * Leases up to {@code max} due releases to {@code holder} until {@code until}.
     *
     * @param ownedBefore a holder prefix whose unexpired leases are free too (they were left by a process that is
     *                    known to be dead); null: only expired leases are
     */
    public Uni<List<Long>> claim(String holder, String ownedBefore, int max, Instant now, Instant until) {
        Tuple params = Tuple.of(utc(now), max, holder, utc(until), ownedBefore);
        return pool.preparedQuery(CLAIM).execute(params).map(rows -> {
            List<Long> ids = new ArrayList<>();
            for (Row row : rows) {
                ids.add(row.getLong(0));
            }
            return ids;
        });
    }

    /** Extends the lease; false when {@code holder} lost it. */
    public Uni<Boolean> renew(long releaseId, String holder, Instant until) {
        return pool.preparedQuery(RENEW).execute(Tuple.of(utc(until), releaseId, holder))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Void> release(long releaseId, String holder) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(releaseId, holder)).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
