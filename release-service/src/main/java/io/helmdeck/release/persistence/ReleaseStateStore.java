package io.helmdeck.release.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helmdeck.model.Condition;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.value.GoDuration;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reconciler's reads and writes, in plain SQL on the tables the API owns. Status writes touch only the columns
 * the reconciler owns, and keep a due time or rollback request that a user set while the reconcile ran.
 */
@ApplicationScoped
public class ReleaseStateStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<InventoryEntry>> INVENTORY = new TypeReference<>() {
    };
    private static final TypeReference<List<Condition>> CONDITIONS = new TypeReference<>() {
    };
    private static final TypeReference<PendingWait> PENDING_WAIT = new TypeReference<>() {
    };

    private static final String LOAD = """
            SELECT r.id, r.tenant, r.name, r.source_type, r.source_name, r.release_name, r.target_namespace,
                   r.values_json::text, r.interval_seconds, r.timeout, r.create_namespace, r.install_retries,
                   r.upgrade_retries, r.upgrade_strategy, r.max_history, r.suspend, r.version, r.deletion_requested_at,
                   s.phase, s.conditions::text, s.last_applied_revision, s.last_attempted_revision, s.current_revision,
                   s.inventory::text, s.failures, s.observed_version, s.rollback_to, s.install_attempts,
                   s.upgrade_attempts, s.next_reconcile_at, s.waiting,
                   r.install_disable_wait, r.install_disable_wait_for_jobs, r.upgrade_disable_wait,
                   r.upgrade_disable_wait_for_jobs, r.rollback_disable_wait
              FROM helm_release r JOIN helm_release_status s ON s.release_id = r.id
             WHERE r.id = $1""";

    private static final String REVISIONS = """
            SELECT revision, chart_name, chart_version, app_version, source_revision, source_digest, values_json::text,
                   values_digest, inventory::text, status, action
              FROM helm_release_revision WHERE release_id = $1 ORDER BY revision DESC""";

    private static final String INSERT_REVISION = """
            INSERT INTO helm_release_revision (release_id, revision, chart_name, chart_version, app_version,
                   source_revision, source_digest, values_json, values_digest, manifest, notes, inventory, status, action,
                   description, started_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)""";

    private static final String FINISH_REVISION = """
            UPDATE helm_release_revision SET status = $3, description = $4, inventory = $5, finished_at = $6
             WHERE release_id = $1 AND revision = $2""";

    private static final String REVISION_STATUS = """
            UPDATE helm_release_revision SET status = $3 WHERE release_id = $1 AND revision = $2""";

    private static final String PRUNE = """
            DELETE FROM helm_release_revision WHERE release_id = $1 AND revision NOT IN (
                SELECT revision FROM helm_release_revision WHERE release_id = $1 ORDER BY revision DESC LIMIT $2)""";

    private static final String SAVE_STATUS = """
            UPDATE helm_release_status
               SET phase = $2, conditions = $3, last_applied_revision = $4, last_attempted_revision = $5,
                   current_revision = $6, inventory = $7, failures = $8, install_attempts = $9,
                   upgrade_attempts = $10, observed_version = $11, last_reconcile_at = $12,
                   next_reconcile_at = CASE WHEN next_reconcile_at = $13 THEN $14 ELSE LEAST(next_reconcile_at, $14) END,
                   rollback_to = CASE WHEN $15 THEN NULL ELSE rollback_to END, waiting = $16
             WHERE release_id = $1""";

    private static final String MANIFEST = """
            SELECT manifest FROM helm_release_revision WHERE release_id = $1 AND revision = $2""";

    private static final String DELETE = "DELETE FROM helm_release WHERE id = $1";

    private static final String FIND_ID = "SELECT id FROM helm_release WHERE tenant = $1 AND name = $2";

    private static final String SOURCE_DUE = """
            UPDATE helm_release_status s SET next_reconcile_at = $3
              FROM helm_release r
             WHERE r.id = s.release_id AND r.tenant = $1 AND r.source_name = $2 AND r.source_type = 'OCIRepository'
               AND s.next_reconcile_at > $3""";

    private final Pool pool;
    private final ObjectMapper json;

    public ReleaseStateStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** The release with its revisions; null when it no longer exists. */
    public Uni<ReleaseState> load(long id) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(id)).flatMap(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().nullItem();
            }
            Row r = rows.iterator().next();
            return pool.preparedQuery(REVISIONS).execute(Tuple.of(id)).map(revs -> state(r, revisions(revs)));
        });
    }

    public Uni<Void> insertRevision(long releaseId, RevisionRow rev, String manifest, String notes, String description,
            Instant startedAt) {
        Tuple t = Tuple.tuple().addLong(releaseId).addInteger(rev.revision()).addString(rev.chartName())
                .addString(rev.chartVersion()).addString(rev.appVersion()).addString(rev.sourceRevision())
                .addString(rev.sourceDigest()).addString(write(rev.values())).addString(rev.valuesDigest())
                .addString(manifest).addString(notes).addString(write(rev.inventory())).addString(rev.status())
                .addString(rev.action()).addString(description).addOffsetDateTime(utc(startedAt));
        return pool.preparedQuery(INSERT_REVISION).execute(t).replaceWithVoid();
    }

    public Uni<Void> finishRevision(long releaseId, int revision, String status, String description,
            List<InventoryEntry> inventory, Instant finishedAt) {
        Tuple t = Tuple.tuple().addLong(releaseId).addInteger(revision).addString(status).addString(description)
                .addString(write(inventory)).addOffsetDateTime(utc(finishedAt));
        return pool.preparedQuery(FINISH_REVISION).execute(t).replaceWithVoid();
    }

    public Uni<Void> setRevisionStatus(long releaseId, int revision, String status) {
        return pool.preparedQuery(REVISION_STATUS).execute(Tuple.of(releaseId, revision, status)).replaceWithVoid();
    }

    /** Keeps the newest {@code keep} revisions. */
    public Uni<Void> prune(long releaseId, int keep) {
        return pool.preparedQuery(PRUNE).execute(Tuple.of(releaseId, keep)).replaceWithVoid();
    }

    /** Writes the reconciler's status columns; {@code consumedRollback} clears the rollback request it acted on. */
    public Uni<Void> saveStatus(ReleaseState seen, StatusUpdate s, boolean consumedRollback) {
        Tuple t = Tuple.tuple().addLong(seen.id()).addString(s.phase()).addString(write(s.conditions()))
                .addString(s.lastAppliedRevision()).addString(s.lastAttemptedRevision())
                .addInteger(s.currentRevision()).addString(write(s.inventory())).addInteger(s.failures())
                .addInteger(s.installAttempts()).addInteger(s.upgradeAttempts()).addLong(seen.version())
                .addOffsetDateTime(utc(s.reconciledAt())).addOffsetDateTime(utc(seen.dueAt()))
                .addOffsetDateTime(utc(s.nextReconcileAt())).addBoolean(consumedRollback)
                .addString(s.waiting() == null ? null : write(s.waiting()));
        return pool.preparedQuery(SAVE_STATUS).execute(t).replaceWithVoid();
    }

    /** The id of a release; null when there is none. */
    public Uni<Long> findId(String tenant, String name) {
        return pool.preparedQuery(FIND_ID).execute(Tuple.of(tenant, name))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null);
    }

    /** The stored manifest of a revision; null when that revision is not kept. */
    public Uni<String> manifest(long releaseId, int revision) {
        return pool.preparedQuery(MANIFEST).execute(Tuple.of(releaseId, revision))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    /** Removes an uninstalled release and everything it owns (status and revisions cascade). */
    public Uni<Void> delete(long releaseId) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(releaseId)).replaceWithVoid();
    }

    /** Makes every release built from the source due at {@code now}; returns how many. */
    public Uni<Integer> markSourceDue(String tenant, String sourceName, Instant now) {
        return pool.preparedQuery(SOURCE_DUE).execute(Tuple.of(tenant, sourceName, utc(now))).map(RowSet::rowCount);
    }

    private ReleaseState state(Row r, List<RevisionRow> revisions) {
        OffsetDateTime deletion = r.getOffsetDateTime(17);
        return new ReleaseState(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), read(r.getString(7), MAP, Map.of()),
                Duration.ofSeconds(r.getInteger(8)), GoDuration.parse(r.getString(9)).duration(), r.getBoolean(10),
                r.getInteger(11), r.getInteger(12), r.getString(13), r.getInteger(14), r.getBoolean(15), r.getLong(16),
                deletion == null ? null : deletion.toInstant(),
                r.getString(18), read(r.getString(19), CONDITIONS, List.of()), r.getString(20), r.getString(21),
                r.getInteger(22), read(r.getString(23), INVENTORY, List.of()), orZero(r.getInteger(24)),
                r.getLong(25), r.getInteger(26), orZero(r.getInteger(27)), orZero(r.getInteger(28)),
                r.getOffsetDateTime(29).toInstant(), revisions)
                .withWait(new WaitOptions(r.getBoolean(31), r.getBoolean(32), r.getBoolean(33), r.getBoolean(34),
                        r.getBoolean(35)), read(r.getString(30), PENDING_WAIT, null));
    }

    private List<RevisionRow> revisions(RowSet<Row> rows) {
        List<RevisionRow> list = new ArrayList<>();
        for (Row r : rows) {
            list.add(new RevisionRow(r.getInteger(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                    r.getString(5), read(r.getString(6), MAP, Map.of()), r.getString(7),
                    read(r.getString(8), INVENTORY, List.of()), r.getString(9), r.getString(10)));
        }
        return list;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private <T> T read(String text, TypeReference<T> type, T empty) {
        if (text == null || text.isBlank()) {
            return empty;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
