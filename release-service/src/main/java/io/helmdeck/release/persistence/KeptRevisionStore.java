package io.helmdeck.release.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Every kept revision with what Helm's own record of it holds: for recreating a record deleted from the cluster. */
@ApplicationScoped
public class KeptRevisionStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String KEPT = """
            SELECT revision, chart_name, chart_version, app_version, values_json::text, manifest, notes, status,
                   description, started_at, finished_at
              FROM helm_release_revision WHERE release_id = $1 AND status NOT LIKE 'pending-%' ORDER BY revision""";

    private final Pool pool;
    private final ObjectMapper json;

    public KeptRevisionStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** One finished revision as stored by Helmdeck. */
    public record KeptRevision(int revision, String chartName, String chartVersion, String appVersion,
            Map<String, Object> values, String manifest, String notes, String status, String description,
            Instant startedAt, Instant finishedAt) {
    }

    /** The finished revisions of a release, oldest first. */
    public Uni<List<KeptRevision>> kept(long releaseId) {
        return pool.preparedQuery(KEPT).execute(Tuple.of(releaseId)).map(rows -> {
            List<KeptRevision> all = new ArrayList<>();
            for (Row r : rows) {
                all.add(new KeptRevision(r.getInteger(0), r.getString(1), r.getString(2), r.getString(3),
                        values(r.getString(4)), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                        r.getOffsetDateTime(9) == null ? null : r.getOffsetDateTime(9).toInstant(),
                        r.getOffsetDateTime(10) == null ? null : r.getOffsetDateTime(10).toInstant()));
            }
            return all;
        });
    }

    private Map<String, Object> values(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored values cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
