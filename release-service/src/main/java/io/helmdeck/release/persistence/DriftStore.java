package io.helmdeck.release.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helmdeck.model.DriftDetection;
import io.helmdeck.model.DriftedObject;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A release's drift settings and the last drift report ({@code status.drift}), in columns of their own (ADR 0023).
 * The report is written by the drift check with the revision it checked, so a newer deploy makes it obsolete
 * without anyone clearing it.
 */
@ApplicationScoped
public class DriftStore {

    private static final TypeReference<DriftReport> REPORT = new TypeReference<>() {
    };
    private static final String LOAD = """
            SELECT r.drift_detection, s.drift
              FROM helm_release r JOIN helm_release_status s ON s.release_id = r.id
             WHERE r.id = $1""";
    private static final String SAVE = "UPDATE helm_release_status SET drift = $2 WHERE release_id = $1";

    private final Pool pool;
    private final ObjectMapper json;

    public DriftStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** The settings (defaults when none were written) and the last report of the deployed revision. */
    public record DriftRecord(DriftDetection settings, List<DriftedObject> lastReport) {
    }

    /** The stored column: the revision checked and what drifted from it. */
    public record DriftReport(int revision, List<DriftedObject> objects) {
    }

    /** What {@link #save} stored for {@code revision}; an older revision's report counts as none. */
    public Uni<DriftRecord> load(long releaseId, int revision) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(releaseId)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return new DriftRecord(DriftDetection.defaults(), List.of());
            }
            Row r = rows.iterator().next();
            DriftReport report = report(r.getString(1));
            return new DriftRecord(settings(r.getString(0)),
                    report != null && report.revision() == revision ? report.objects() : List.of());
        });
    }

    /** Replaces the report with what a check of {@code revision} found. */
    public Uni<Void> save(long releaseId, int revision, List<DriftedObject> objects) {
        return pool.preparedQuery(SAVE).execute(Tuple.of(releaseId, write(new DriftReport(revision, objects))))
                .replaceWithVoid();
    }

    /** A stored report column; null when never checked. */
    public DriftReport report(String text) {
        return text == null ? null : read(text, REPORT);
    }

    private DriftDetection settings(String text) {
        if (text == null) {
            return DriftDetection.defaults();
        }
        DriftDetection stored = read(text, new TypeReference<>() {
        });
        return new DriftDetection(stored.mode() == null ? DriftDetection.ENABLED : stored.mode(),
                stored.ignore() == null ? List.of() : stored.ignore());
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored drift JSON cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
