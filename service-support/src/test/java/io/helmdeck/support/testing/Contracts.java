package io.helmdeck.support.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one description of each internal API, as JSON fixtures under {@code contracts/<api>/} in this test jar. The
 * service that serves an API checks its real answers against them, and every hand-written stand-in of that service
 * answers with them or checks what it receives against them, so a stand-in cannot drift from the real thing.
 *
 * <p>A body conforms to a fixture when every field it has is a field of the fixture with the same JSON type (null
 * stands for an absent optional value and matches any type); array elements are compared with the fixture's first
 * element. A fixture is the fullest example, so a body may leave optional fields out but may not invent any.
 */
public final class Contracts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Contracts() {
    }

    /** The text of a fixture, e.g. {@code registry-probes/tags.json}. */
    public static String fixture(String name) {
        try (InputStream in = Contracts.class.getResourceAsStream("/contracts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails, naming the first difference, when {@code body} does not conform to the fixture {@code name}. */
    public static void assertConforms(String body, String name) {
        String problem = difference(body, name);
        if (problem != null) {
            throw new AssertionError("does not conform to contract " + name + ": " + problem + "\nbody: " + body);
        }
    }

    /** The first way {@code body} breaks the fixture {@code name}, or null when it conforms. */
    public static String difference(String body, String name) {
        try {
            Map<String, String> allowed = shape(JSON.readTree(fixture(name)));
            Map<String, String> given = shape(JSON.readTree(body));
            for (Map.Entry<String, String> field : given.entrySet()) {
                String expected = allowed.get(field.getKey());
                if (expected == null) {
                    return "field '" + field.getKey() + "' is not in the contract";
                }
                if (!field.getValue().equals("null") && !expected.equals("null") && !expected.equals(field.getValue())) {
                    return "field '" + field.getKey() + "' is " + field.getValue() + ", the contract says " + expected;
                }
            }
            return null;
        } catch (IOException e) {
            return "not JSON: " + e.getClass().getSimpleName();
        }
    }

    private static Map<String, String> shape(JsonNode root) {
        Map<String, String> out = new TreeMap<>();
        walk("$", root, out);
        return out;
    }

    private static void walk(String path, JsonNode node, Map<String, String> out) {
        out.put(path, node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(path + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                walk(path + "[]", element, out);
            }
        }
    }
}
