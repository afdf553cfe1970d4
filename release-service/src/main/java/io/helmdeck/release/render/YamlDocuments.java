package io.helmdeck.release.render;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Splits rendered YAML into documents the way Helm's {@code releaseutil.SplitManifests} does and parses each into a
 * {@link ManifestObject}.
 */
final class YamlDocuments {

    /** Helm's document separator: {@code (?:^|\s*\n)---\s*}. */
    private static final Pattern SEPARATOR = Pattern.compile("(?:^|\\s*\\n)---\\s*");
    private static final String SOURCE = "# Source: ";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * One document of Helm's output.
     *
     * @param source  the path after {@code # Source:}, or {@code null}
     * @param content the document as Helm stores it (trimmed, without the source line)
     * @param object  the parsed object, {@code null} when the document holds only comments
     */
    record Doc(String source, String content, ManifestObject object) {
        String kind() {
            return object == null ? "" : object.kind() == null ? "" : object.kind();
        }
    }

    private YamlDocuments() {
    }

    /** Documents of Helm's manifest output, each led by its {@code # Source:} line. */
    static List<Doc> parseManifest(String manifest) throws RenderException {
        List<Doc> docs = new ArrayList<>();
        for (String raw : SEPARATOR.split(manifest.strip(), -1)) {
            String doc = raw.strip();
            if (doc.isEmpty()) {
                continue;
            }
            String source = null;
            String content = doc;
            if (doc.startsWith(SOURCE)) {
                int eol = doc.indexOf('\n');
                source = (eol < 0 ? doc.substring(SOURCE.length()) : doc.substring(SOURCE.length(), eol)).strip();
                content = eol < 0 ? "" : doc.substring(eol + 1).strip();
            }
            docs.add(new Doc(source, content, parseObject(source, content)));
        }
        return docs;
    }

    /** Objects of a plain multi-document YAML file (a CRD file); documents without an object are skipped. */
    static List<ManifestObject> parseFile(String source, String text) throws RenderException {
        List<ManifestObject> objects = new ArrayList<>();
        for (String raw : SEPARATOR.split(text.strip(), -1)) {
            String content = raw.strip();
            ManifestObject object = content.isEmpty() ? null : parseObject(source, content);
            if (object != null) {
                objects.add(object);
            }
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static ManifestObject parseObject(String source, String content) throws RenderException {
        Object parsed;
        try {
            // readTree, not readValue: a document of only comments is no error, it is no object.
            JsonNode tree = YAML.readTree(content);
            parsed = tree == null || tree.isMissingNode() ? null : YAML.treeToValue(tree, Object.class);
        } catch (JsonProcessingException e) {
            throw new RenderException("YAML parse error on " + source + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RenderException("YAML parse error on " + source + ": " + e.getMessage(), e);
        }
        if (parsed == null) {
            return null;
        }
        if (!(parsed instanceof Map)) {
            throw new RenderException("YAML parse error on " + source + ": a document is not a mapping");
        }
        Map<String, Object> body = (Map<String, Object>) parsed;
        Map<String, Object> metadata = body.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        checkAnnotations(source, metadata.get("annotations"));
        return new ManifestObject(source, string(body.get("apiVersion")), string(body.get("kind")),
                string(metadata.get("namespace")), string(metadata.get("name")), body, content);
    }

    /** Helm reads annotations as map[string]string and fails the render on any other value, so do we. */
    private static void checkAnnotations(String source, Object annotations) throws RenderException {
        if (annotations == null) {
            return;
        }
        if (!(annotations instanceof Map<?, ?> map)) {
            throw new RenderException("YAML parse error on " + source + ": metadata.annotations is not a mapping");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getValue() != null && !(entry.getValue() instanceof String)) {
                throw new RenderException("YAML parse error on " + source + ": annotation '" + entry.getKey()
                        + "' must be a string, got " + entry.getValue() + " (quote it)");
            }
        }
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
