package io.helmdeck.release.policy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Hides the values of rendered Secrets before a manifest leaves the API (ADR 0019): every value of {@code data}
 * and {@code stringData} becomes {@link #MARKER}; keys stay, so a key added or removed still shows. Only the view
 * is changed: the stored revision and the cluster keep the real values, and diffs compare the real values.
 */
public final class SecretRedaction {

    /** What a Secret value reads as in every response. Fixed: it says nothing about the value, not even its length. */
    public static final String MARKER = "<redacted>";

    /** Helm's document separator, as its {@code releaseutil.SplitManifests} splits. */
    private static final Pattern SEPARATOR = Pattern.compile("(?:^|\\s*\\n)---\\s*");
    private static final String SOURCE = "# Source: ";
    private static final String UNREADABLE = "# (document not shown: it could not be read to hide Secret values)";
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private SecretRedaction() {
    }

    /**
     * {@code manifest} (Helm's stored form: {@code ---}-separated documents led by {@code # Source:} lines) with every
     * Secret value replaced; every other document is returned as it was.
     */
    public static String manifest(String manifest) {
        if (manifest == null || manifest.isBlank()) {
            return manifest;
        }
        StringBuilder out = new StringBuilder();
        for (String raw : SEPARATOR.split(manifest.strip(), -1)) {
            String doc = raw.strip();
            if (doc.isEmpty()) {
                continue;
            }
            String sourceLine = null;
            String content = doc;
            if (doc.startsWith(SOURCE)) {
                int eol = doc.indexOf('\n');
                sourceLine = eol < 0 ? doc : doc.substring(0, eol);
                content = eol < 0 ? "" : doc.substring(eol + 1).strip();
            }
            out.append("---\n");
            if (sourceLine != null) {
                out.append(sourceLine).append('\n');
            }
            out.append(redactDocument(content)).append('\n');
        }
        return out.toString();
    }

    /** One YAML document with its Secret values replaced; unchanged text when it holds no Secret. */
    static String redactDocument(String content) {
        // Every document is parsed, none skipped by a text search: YAML can spell "Secret" with escapes.
        JsonNode tree;
        try {
            tree = YAML.readTree(content);
        } catch (IOException e) {
            // Stored manifests parsed once already; if one does not now, showing it could show a secret.
            return UNREADABLE;
        }
        if (tree == null || tree.isMissingNode() || !redact(tree)) {
            return content;
        }
        try {
            return YAML.writeValueAsString(tree).strip();
        } catch (IOException e) {
            return UNREADABLE;
        }
    }

    /**
     * Replaces the values of {@code object} in place when it is a Secret, or of the Secrets in a {@code *List}'s
     * {@code items}; whether anything was replaced.
     */
    static boolean redact(JsonNode object) {
        if (!(object instanceof ObjectNode node)) {
            return false;
        }
        String kind = node.path("kind").asText("");
        boolean changed = false;
        if ("Secret".equals(kind)) {
            // Any apiVersion: a custom kind named Secret is treated as one rather than risk showing its values.
            changed |= mask(node, "data");
            changed |= mask(node, "stringData");
        } else if (kind.endsWith("List") && node.get("items") instanceof ArrayNode items) {
            for (JsonNode item : items) {
                changed |= redact(item);
            }
        }
        return changed;
    }

    private static boolean mask(ObjectNode secret, String field) {
        JsonNode values = secret.get(field);
        if (values == null || values.isNull()) {
            return false;
        }
        if (!(values instanceof ObjectNode map)) {
            // Not a map (an invalid Secret the API server would refuse): hide it whole.
            secret.put(field, MARKER);
            return true;
        }
        List<String> keys = new ArrayList<>();
        map.fieldNames().forEachRemaining(keys::add);
        keys.forEach(key -> map.put(key, MARKER));
        return !keys.isEmpty();
    }
}
