package io.helmdeck.repo.persistence;

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
 * Sync leases in plain SQL: one atomic statement claims due rows with {@code FOR UPDATE SKIP LOCKED}, so any
 * number of workers (and repo-service replicas) can claim at once without ever handing a row to two of them.
 */
@ApplicationScoped
public class LeaseQueries {

    private static final String CLAIM = """
            WITH candidates AS (
                SELECT s.repository_id,
                       row_number() OVER (PARTITION BY r.registry ORDER BY s.next_sync_at) AS per_registry
                  FROM oci_repository_status s
                  JOIN oci_repository r ON r.id = s.repository_id
                 WHERE s.next_sync_at <= $1
                   AND NOT r.suspend
                   AND (s.lease_expires_at IS NULL OR s.lease_expires_at < $1)
                   AND NOT (r.registry = ANY($5))),
            due AS (
                SELECT s.repository_id
                  FROM oci_repository_status s
                 WHERE s.repository_id IN (SELECT repository_id FROM candidates WHERE per_registry <= $6)
                   AND (s.lease_expires_at IS NULL OR s.lease_expires_at < $1)
                 ORDER BY s.next_sync_at
                 LIMIT $2
                   FOR UPDATE SKIP LOCKED)
            UPDATE oci_repository_status s
               SET lease_owner = $3, lease_expires_at = $4
              FROM due
             WHERE s.repository_id = due.repository_id
            RETURNING s.repository_id, s.next_sync_at""";

    private static final String RENEW = """
            UPDATE oci_repository_status SET lease_expires_at = $1
             WHERE repository_id = $2 AND lease_owner = $3
            RETURNING lease_expires_at""";

    /** A claimed row: which repository, and when it had become due. */
    public record Claimed(long repositoryId, Instant dueAt) {
    }

    private final Pool pool;

    public LeaseQueries(Pool pool) {
        this.pool = pool;
    }

    private static final String RELEASE = """
            UPDATE oci_repository_status SET lease_owner = NULL, lease_expires_at = NULL
             WHERE repository_id = $1 AND lease_owner = $2""";

    /**
     * Leases up to {@code max} due rows, at most {@code maxPerRegistry} of one registry and none of
     * {@code excludedRegistries}. The per-registry ranking needs a window function, which cannot sit in a
     * {@code FOR UPDATE} query, so it ranks in one CTE and locks in the next; the lock re-checks the lease.
     */
    public Uni<List<Claimed>> claim(String worker, int max, Instant now, Instant leaseUntil, int maxPerRegistry,
            List<String> excludedRegistries) {
        Tuple params = Tuple.tuple().addOffsetDateTime(utc(now)).addInteger(max).addString(worker)
                .addOffsetDateTime(utc(leaseUntil)).addArrayOfString(excludedRegistries.toArray(String[]::new))
                .addInteger(maxPerRegistry);
        return pool.preparedQuery(CLAIM).execute(params).map(rows -> {
            List<Claimed> claimed = new ArrayList<>();
            for (Row row : rows) {
                claimed.add(new Claimed(row.getLong(0), row.getOffsetDateTime(1).toInstant()));
            }
            return claimed;
        });
    }

    /** Gives a lease back before its time, so another claim may take the row at once. */
    public Uni<Boolean> release(long repositoryId, String worker) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(repositoryId, worker)).map(rows -> rows.rowCount() > 0);
    }

    /** Extends the lease if {@code worker} still holds it; null when it does not. */
    public Uni<Instant> renew(long repositoryId, String worker, Instant leaseUntil) {
        return pool.preparedQuery(RENEW).execute(Tuple.of(utc(leaseUntil), repositoryId, worker))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getOffsetDateTime(0).toInstant() : null);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
