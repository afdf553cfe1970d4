package io.helmdeck.repo.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * One exchange in one statement (ADR 0033): the unchanged results ({@code reported}, ADR 0025) and the claim
     * ({@code oldest} … {@code claimed}, ADR 0028) as data-modifying CTEs of a single {@code WITH}, so an exchange
     * costs PostgreSQL one statement, one snapshot and one commit instead of two of each.
     *
     * <p>{@code reported} touches only the lease and the schedule ({@code lease_owner}, {@code lease_expires_at},
     * {@code last_sync_at}, {@code next_sync_at}), and only rows whose lease the reporter still holds, whose spec did
     * not change during the sync and which were Ready without failures before: a row for which an unchanged result
     * means more (recovering from a failure, a spec edited meanwhile, a lost lease, a deleted repository) is not
     * matched and goes the full way, one by one. {@code factor} is the jitter factor of {@code SyncSchedule}; the next
     * sync is {@code now + interval × factor}, rounded to the millisecond as the full path does.
     *
     * <p>The claim never ranks a reported row ({@code NOT (id = ANY($8))}): all CTEs see the same snapshot, in which
     * a reported row may still look claimable (its lease just expired), and PostgreSQL does not define which of two
     * updates of one row in one statement wins. The per-registry ranking needs a window function, which cannot sit
     * in a {@code FOR UPDATE} query, so it ranks in one CTE and locks in the next; the lock re-checks the lease.
     * Every row is returned once: the reported ids as an array (in the first row), the claimed rows as columns
     * (none when nothing was claimed, then the one row has only the array).
     *
     * <p>Sent on one line ({@link #oneLine}): the reactive client keeps a statement prepared on its connection only
     * when its text is at most {@code SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT} (2,048)
     * characters long. Indented, this one was 2,902, so PostgreSQL parsed, analysed and planned it again on every
     * exchange (ADR 0034). Once cached, PostgreSQL may run it with a generic plan, planned without the parameters'
     * values; the excluded registries are therefore tested against a subquery ({@code = ANY (SELECT unnest($5))}),
     * which the planner estimates as a plain filter. Written as {@code = ANY ($5)}, a database whose repositories
     * share one registry estimated that no row passes it, and the generic plan read every spec row and sorted them
     * instead of walking the due index (ten times the CPU of the exchange).
     */
    static final String EXCHANGE = oneLine("""
            WITH reported AS (
                UPDATE oci_repository_status s
                   SET lease_owner = NULL, lease_expires_at = NULL, last_sync_at = $1::timestamptz,
                       next_sync_at = $1::timestamptz
                                      + make_interval(secs => round(r.interval_seconds * 1000 * u.factor) / 1000.0)
                  FROM unnest($8::bigint[], $9::text[], $10::bigint[], $11::float8[])
                       AS u(id, worker, spec_version, factor)
                  JOIN oci_repository r ON r.id = u.id
                 WHERE s.repository_id = u.id
                   AND s.lease_owner = u.worker
                   AND r.version = u.spec_version
                   AND s.phase = 'Ready'
                   AND s.consecutive_failures = 0
                RETURNING s.repository_id),
            oldest AS (
                SELECT s.repository_id, s.next_sync_at, r.registry
                  FROM oci_repository_status s
                  JOIN oci_repository r ON r.id = s.repository_id
                 WHERE s.next_sync_at <= $1::timestamptz
                   AND NOT r.suspend
                   AND (s.lease_expires_at IS NULL OR s.lease_expires_at < $1::timestamptz)
                   AND NOT (r.registry = ANY (SELECT unnest($5::text[])))
                   AND NOT (s.repository_id = ANY($8::bigint[]))
                 ORDER BY s.next_sync_at
                 LIMIT $7),
            candidates AS (
                SELECT repository_id,
                       row_number() OVER (PARTITION BY registry ORDER BY next_sync_at) AS per_registry
                  FROM oldest),
            due AS (
                SELECT s.repository_id
                  FROM oci_repository_status s
                 WHERE s.repository_id IN (SELECT repository_id FROM candidates WHERE per_registry <= $6)
                   AND (s.lease_expires_at IS NULL OR s.lease_expires_at < $1::timestamptz)
                 ORDER BY s.next_sync_at
                 LIMIT $2
                   FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE oci_repository_status s
                   SET lease_owner = $3, lease_expires_at = $4
                  FROM due, oci_repository r
                 WHERE s.repository_id = due.repository_id
                   AND r.id = s.repository_id
                RETURNING s.repository_id, s.next_sync_at, s.artifact_revision, s.observed_version,
                          s.consecutive_failures, r.tenant, r.name, r.version, r.url, r.interval_seconds, r.ref_tag,
                          r.ref_semver, r.ref_semver_filter, r.ref_digest, r.layer_media_type, r.layer_operation,
                          r.auth_type, r.auth_username, r.auth_secret, r.insecure, r.ca_certificate, r.timeout)
            SELECT (SELECT array_agg(repository_id) FROM reported) AS reported, c.*
              FROM (VALUES (1)) AS one(x) LEFT JOIN claimed c ON true""");

    /** The statement with every run of white space made one blank: the same SQL, shorter (no literal holds any). */
    static String oneLine(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }

    private static final String RENEW = """
            UPDATE oci_repository_status SET lease_expires_at = $1
             WHERE repository_id = $2 AND lease_owner = $3
            RETURNING lease_expires_at""";

    /** An unchanged result for {@link #exchange}. */
    public record Unchanged(long repositoryId, String worker, long specVersion, double factor) {
    }

    /** What a claim asks for: up to {@code max} rows for {@code worker}, leased until {@code leaseUntil}. */
    public record Claim(String worker, int max, Instant leaseUntil, int maxPerRegistry,
            List<String> excludedRegistries) {
    }

    /** What one exchange statement did: the unchanged results it applied, the rows it leased. */
    public record Exchanged(Set<Long> applied, List<Claimed> claimed) {
    }

    /**
     * A claimed row: when it had become due, and what a task needs of it, read by the claim statement itself
     * (ADR 0025). The entities are detached and hold only the columns a task is built from.
     */
    public record Claimed(Instant dueAt, OciRepositoryEntity spec, OciRepositoryStatusEntity status) {

        public long repositoryId() {
            return spec.id;
        }
    }

    private final Pool pool;

    public LeaseQueries(Pool pool) {
        this.pool = pool;
    }

    private static final String RELEASE = """
            UPDATE oci_repository_status SET lease_owner = NULL, lease_expires_at = NULL
             WHERE repository_id = $1 AND lease_owner = $2""";

    /**
     * Applies the unchanged results that need nothing but a new schedule and leases up to {@code claim.max()} due
     * rows, at most {@code claim.maxPerRegistry()} of one registry and none of its excluded registries, in one
     * statement ({@link #EXCHANGE}); returns the ids it applied (the other results are the caller's to apply in full)
     * and what the claimed rows' tasks need (no second read). {@code claim} may be null: nothing is claimed.
     *
     * <p>Only the {@link #window oldest} claimable rows are ranked, read along the due index, not every due row: at
     * N = 10,000 overdue rows ranking all of them cost PostgreSQL more than everything else a sync does (ADR 0028).
     * A row's rank in its registry is the same inside that window as over all rows (every older row of its registry
     * is in the window too), so the answer is the one full ranking gives whenever the window holds {@code max}
     * rows after the per-registry cut; otherwise it is shorter, never different: rows beyond the window wait for a
     * later claim, by which time the rows ahead of them are leased (and no longer in the window) or their registry
     * is full and excluded. Reported rows are locked in id order, so two exchanges never wait on each other in a
     * cycle; claimed rows are skipped when locked, never waited for.
     */
    public Uni<Exchanged> exchange(List<Unchanged> results, Claim claim, Instant now) {
        List<Unchanged> sorted = results.stream().sorted(Comparator.comparingLong(Unchanged::repositoryId)).toList();
        Long[] ids = new Long[sorted.size()];
        String[] workers = new String[sorted.size()];
        Long[] versions = new Long[sorted.size()];
        Double[] factors = new Double[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            Unchanged u = sorted.get(i);
            ids[i] = u.repositoryId();
            workers[i] = u.worker();
            versions[i] = u.specVersion();
            factors[i] = u.factor();
        }
        Claim ask = claim == null ? new Claim("", 0, now, 1, List.of()) : claim;
        Tuple params = Tuple.tuple().addOffsetDateTime(utc(now)).addInteger(ask.max()).addString(ask.worker())
                .addOffsetDateTime(utc(ask.leaseUntil())).addArrayOfString(ask.excludedRegistries().toArray(String[]::new))
                .addInteger(ask.maxPerRegistry()).addInteger(claim == null ? 0 : window(ask.max()))
                .addArrayOfLong(ids).addArrayOfString(workers).addArrayOfLong(versions).addArrayOfDouble(factors);
        return pool.preparedQuery(EXCHANGE).execute(params).map(rows -> {
            Set<Long> applied = new HashSet<>();
            List<Claimed> claimed = new ArrayList<>();
            for (Row row : rows) {
                Long[] reported = row.getArrayOfLongs("reported");
                if (reported != null && applied.isEmpty()) {
                    applied.addAll(Arrays.asList(reported));
                }
                if (row.getLong("repository_id") != null) {
                    claimed.add(claimed(row));
                }
            }
            return new Exchanged(applied, claimed);
        });
    }

    /** How many of the oldest claimable rows a claim of {@code max} ranks. */
    static int window(int max) {
        return Math.max(64, 8 * max);
    }

    private static Claimed claimed(Row row) {
        OciRepositoryEntity spec = new OciRepositoryEntity();
        spec.id = row.getLong("repository_id");
        spec.tenant = row.getString("tenant");
        spec.name = row.getString("name");
        spec.version = row.getLong("version");
        spec.url = row.getString("url");
        spec.intervalSeconds = row.getInteger("interval_seconds");
        spec.refTag = row.getString("ref_tag");
        spec.refSemver = row.getString("ref_semver");
        spec.refSemverFilter = row.getString("ref_semver_filter");
        spec.refDigest = row.getString("ref_digest");
        spec.layerMediaType = row.getString("layer_media_type");
        spec.layerOperation = row.getString("layer_operation");
        spec.authType = row.getString("auth_type");
        spec.authUsername = row.getString("auth_username");
        spec.authSecret = row.getString("auth_secret");
        spec.insecure = row.getBoolean("insecure");
        spec.caCertificate = row.getString("ca_certificate");
        spec.timeout = row.getString("timeout");
        OciRepositoryStatusEntity status = new OciRepositoryStatusEntity();
        status.repositoryId = spec.id;
        status.artifactRevision = row.getString("artifact_revision");
        status.observedVersion = row.getLong("observed_version");
        status.consecutiveFailures = row.getInteger("consecutive_failures");
        return new Claimed(row.getOffsetDateTime("next_sync_at").toInstant(), spec, status);
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
