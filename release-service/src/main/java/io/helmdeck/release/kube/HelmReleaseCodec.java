package io.helmdeck.release.kube;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helmdeck.model.ChartDependency;
import io.helmdeck.model.ChartMetadata;

/**
 * Helm 3's release encoding ({@code helm.sh/helm/v3/pkg/storage/driver/util.go}): the release as JSON with Helm's
 * field names, gzipped, then base64 (standard alphabet). The Secret driver stores that base64 text as the bytes of
 * {@code data.release}, so on the wire it is base64 twice. Works on JSON trees so that fields Helm wrote and this
 * class does not model survive a status change.
 */
final class HelmReleaseCodec {

    /** Go's zero {@code time.Time}: Helm 3 declares {@code info.deleted} as a plain time, so it is never absent. */
    static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final int[] GZIP_MAGIC = {0x1f, 0x8b};
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper = new ObjectMapper();

    /** The text Helm puts in {@code data.release} (before the Secret's own base64). */
    String encode(HelmReleaseRecord release) {
        return encodeTree(toTree(release));
    }

    String encodeTree(ObjectNode tree) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(buffer) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION); // what Helm uses
                }
            }) {
                gzip.write(mapper.writeValueAsBytes(tree));
            }
            return Base64.getEncoder().encodeToString(buffer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a release cannot fail in memory", e);
        }
    }

    /** Reads Helm's text back; like Helm, accepts releases stored before compression was introduced. */
    ObjectNode decodeTree(String data) throws IOException {
        byte[] bytes = Base64.getDecoder().decode(data.trim());
        if (bytes.length > 2 && (bytes[0] & 0xff) == GZIP_MAGIC[0] && (bytes[1] & 0xff) == GZIP_MAGIC[1]) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        JsonNode node = mapper.readTree(bytes);
        if (!(node instanceof ObjectNode object)) {
            throw new IOException("the stored release is not a JSON object");
        }
        return object;
    }

    ObjectNode toTree(HelmReleaseRecord r) {
        ObjectNode root = mapper.createObjectNode();
        root.put("name", r.name());
        ObjectNode info = root.putObject("info");
        info.put("first_deployed", time(r.firstDeployed()));
        info.put("last_deployed", time(r.lastDeployed()));
        info.put("deleted", time(r.deleted()));
        putIfPresent(info, "description", r.description());
        info.put("status", r.status().wire());
        putIfPresent(info, "notes", r.notes());
        ObjectNode chart = root.putObject("chart");
        chart.set("metadata", metadata(r.chart()));
        chart.putNull("lock");
        // Templates are not kept: Helm reads them only to render, and helm rollback reuses the stored manifest.
        chart.putArray("templates");
        chart.set("values", mapper.valueToTree(r.chartValues() == null ? Map.of() : r.chartValues()));
        chart.putNull("schema");
        chart.putArray("files");
        root.set("config", mapper.valueToTree(r.config() == null ? Map.of() : r.config()));
        root.put("manifest", r.manifest() == null ? "" : r.manifest());
        ArrayNode hooks = root.putArray("hooks");
        for (StoredHook hook : r.hooks() == null ? List.<StoredHook>of() : r.hooks()) {
            hooks.add(hook(hook));
        }
        root.put("version", r.version());
        root.put("namespace", r.namespace());
        return root;
    }

    HelmReleaseRecord fromTree(ObjectNode root) {
        JsonNode info = root.path("info");
        JsonNode chart = root.path("chart");
        List<StoredHook> hooks = new ArrayList<>();
        for (JsonNode hook : root.path("hooks")) {
            hooks.add(hookFrom(hook));
        }
        return new HelmReleaseRecord(text(root, "name"), text(root, "namespace"), root.path("version").asInt(),
                HelmStatus.fromWire(text(info, "status")), text(info, "description"),
                instant(text(info, "first_deployed")), instant(text(info, "last_deployed")),
                instant(text(info, "deleted")), text(info, "notes"), metadataFrom(chart.path("metadata")),
                map(chart.path("values")), map(root.path("config")), text(root, "manifest"), hooks);
    }

    private ObjectNode metadata(ChartMetadata chart) {
        ObjectNode meta = mapper.createObjectNode();
        if (chart == null) {
            return meta;
        }
        putIfPresent(meta, "name", chart.name());
        putIfPresent(meta, "version", chart.version());
        putIfPresent(meta, "description", chart.description());
        putIfPresent(meta, "icon", chart.icon());
        // Helmdeck deploys Helm 3 charts; Chart.yaml's apiVersion is not in ChartMetadata.
        meta.put("apiVersion", "v2");
        putIfPresent(meta, "appVersion", chart.appVersion());
        putIfPresent(meta, "kubeVersion", chart.kubeVersion());
        if (chart.dependencies() != null && !chart.dependencies().isEmpty()) {
            ArrayNode deps = meta.putArray("dependencies");
            for (ChartDependency dep : chart.dependencies()) {
                ObjectNode d = deps.addObject();
                putIfPresent(d, "name", dep.name());
                putIfPresent(d, "version", dep.version());
                putIfPresent(d, "repository", dep.repository());
            }
        }
        putIfPresent(meta, "type", chart.type());
        return meta;
    }

    private ChartMetadata metadataFrom(JsonNode meta) {
        List<ChartDependency> deps = new ArrayList<>();
        for (JsonNode d : meta.path("dependencies")) {
            deps.add(new ChartDependency(text(d, "name"), text(d, "version"), text(d, "repository")));
        }
        return new ChartMetadata(text(meta, "name"), text(meta, "version"), text(meta, "appVersion"),
                text(meta, "description"), text(meta, "icon"), text(meta, "kubeVersion"), text(meta, "type"),
                deps.isEmpty() ? null : deps);
    }

    private ObjectNode hook(StoredHook hook) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", hook.name());
        node.put("kind", hook.kind());
        putIfPresent(node, "path", hook.path());
        putIfPresent(node, "manifest", hook.manifest());
        ArrayNode events = node.putArray("events");
        hook.events().forEach(events::add);
        ObjectNode lastRun = node.putObject("last_run");
        HookExecution run = hook.lastRun();
        lastRun.put("started_at", time(run == null ? null : run.startedAt()));
        lastRun.put("completed_at", time(run == null ? null : run.completedAt()));
        lastRun.put("phase", run == null ? "" : run.phase());
        if (hook.weight() != 0) {
            node.put("weight", hook.weight());
        }
        if (hook.deletePolicies() != null && !hook.deletePolicies().isEmpty()) {
            ArrayNode policies = node.putArray("delete_policies");
            hook.deletePolicies().forEach(policies::add);
        }
        return node;
    }

    private StoredHook hookFrom(JsonNode node) {
        List<String> events = new ArrayList<>();
        node.path("events").forEach(e -> events.add(e.asText()));
        List<String> policies = new ArrayList<>();
        node.path("delete_policies").forEach(p -> policies.add(p.asText()));
        JsonNode run = node.path("last_run");
        String phase = text(run, "phase");
        HookExecution lastRun = phase == null || phase.isEmpty() ? null
                : new HookExecution(text(node, "kind"), text(node, "name"), instant(text(run, "started_at")),
                        instant(text(run, "completed_at")), phase);
        return new StoredHook(text(node, "name"), text(node, "kind"), text(node, "path"), text(node, "manifest"),
                events, node.path("weight").asInt(), policies, lastRun);
    }

    private Map<String, Object> map(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new LinkedHashMap<>();
        }
        return mapper.convertValue(node, MAP);
    }

    private static String time(Instant instant) {
        return instant == null ? GO_ZERO_TIME : instant.toString();
    }

    /** Go writes RFC 3339 with the local offset and nanoseconds; the zero time means "not set". */
    private static Instant instant(String value) {
        if (value == null || value.isEmpty() || value.startsWith("0001-01-01T00:00:00")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // A time this parser cannot read shows as unknown rather than hiding the whole revision.
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
