package io.helmdeck.support.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of malformed and boundary input: path segments, JSON bodies, query values and header values.
 * Seeded, so a failure names the seed and request number that reproduce it.
 */
public final class HostileInput {

    private static final List<String> SEGMENTS = List.of("", ".", "..", "%2e%2e", "%2E", "a%2Fb", "a%2fb",
            "%2F..%2F..%2Finternal", "..%2F..%2Finternal%2Fv1%2Fsync%2Fclaims", "%00", "a%00b", "%zz", "%",
            "%25", "a%20b", "A", "-a", "a-", "a_b", "a.b", "null", "undefined", "0", "-1", "9223372036854775808",
            "%27%20or%201%3D1%20--", "%3Cscript%3E", "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D", "t%C3%A9nant",
            "%F0%9F%98%80", "%C0%AE%C0%AE", "%FF%FE", "%EF%BB%BFa", "x;y=1", "x%3Btest", "%3A", ":test", "a:b",
            "oci-repositories", "sync", "admin");
    private static final List<String> FIELDS = List.of("name", "url", "interval", "ref", "tag", "semver",
            "semverFilter", "digest", "layerSelector", "mediaType", "operation", "auth", "type", "username",
            "password", "token", "dockerconfigjson", "insecure", "caCertificate", "timeout", "suspend",
            "description", "labels", "version", "worker", "max", "leaseSeconds", "maxPerRegistry",
            "excludeRegistries", "specVersion", "outcome", "artifact", "reason", "message", "durationMillis",
            "retryAfterSeconds", "revision", "size", "chart", "__proto__", "constructor", "");
    private static final List<String> STRINGS = List.of("", " ", "oci://registry.example.com/charts/app",
            "oci://registry.example.com/charts/app:1.0", "https://example.com", "oci://", "oci://a/b/../../c",
            "oci://127.0.0.1:1/x", "file:///etc/passwd", "05:00", "00:00", "99:99", "-1:00", "1h", "P1D",
            ">=1.0.0", "^1", "~~~", "sha256:" + "a".repeat(64), "sha256:zz", "basic", "bearer", "none",
            "dockerconfigjson", "BASIC", "Succeeded", "Failed", "Ready", "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
            "extract", "copy", "\u0000", "\u202e\u0041", "😀😀", "t\u00e9nant", "\ud800", "${jndi:ldap://x}",
            "'; drop table oci_repository; --", "<script>alert(1)</script>", "null", "true", "1e309", "%s%s%n",
            "../../etc/passwd", "\r\nX-Injected: 1");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json",
            "application/merge-patch+json", "application/merge-patch+json", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
            "application/json; charset=utf-16", "*/*", "a/b/c", "json", "application/problem+json",
            "application/octet-stream", "application/vnd.cncf.helm.chart.content.v1.tar+gzip");
    private static final List<String> IF_MATCH = List.of("\"1\"", "\"0\"", "\"-1\"", "*", "W/\"1\"", "\"\"", "1",
            "\"99999999999999999999\"", "\"1\", \"2\"", "garbage", "\"a\"", "\"1", "\u00e9", "\"" + "9".repeat(400) + "\"");
    private static final List<String> QUERY = List.of("", "0", "-1", "1", "50", "500", "501", "2147483648",
            "abc", "1.5", "1e3", "%", "_", "a%b_c", "Ready", "Sleeping", "bm9wZQ", "!!!", "\u00e9", "null");

    private final Random random;
    private final List<String> segments;
    private final List<String> fields;

    /** Input for the words every service shares. */
    public HostileInput(long seed) {
        this(seed, List.of(), List.of());
    }

    /**
     * Input that also uses a service's own path segments and field names; they come after the shared ones, so a
     * seed gives the same requests as before they were shared.
     */
    public HostileInput(long seed, List<String> moreSegments, List<String> moreFields) {
        this.random = new Random(seed);
        this.segments = concat(SEGMENTS, moreSegments);
        this.fields = concat(FIELDS, moreFields);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** A raw (already encoded) path segment: usually hostile, sometimes {@code valid}. */
    public String segment(String valid) {
        int roll = random.nextInt(10);
        if (roll < 3) {
            return valid;
        }
        if (roll < 7) {
            return pick(segments);
        }
        if (roll < 9) {
            return encode(string(between(1, 80)));
        }
        return "x".repeat(between(64, 1000));
    }

    /** A query value, percent-encoded. */
    public String query() {
        return chance(80) ? encode(pick(QUERY)) : encode(string(between(0, 300)));
    }

    public String contentType() {
        return pick(CONTENT_TYPES);
    }

    public String ifMatch() {
        return chance(70) ? pick(IF_MATCH) : asciiHeader(between(1, 200));
    }

    /** A request body: random JSON of every shape, broken JSON, deep nesting, huge values, invalid UTF-8. */
    public byte[] body() {
        int roll = random.nextInt(100);
        if (roll < 55) {
            return object(0).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 65) {
            String text = object(0);
            return text.substring(0, random.nextInt(text.length() + 1)).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 72) {
            int depth = between(100, 20_000);
            String open = chance(50) ? "[" : "{\"a\":";
            String close = open.equals("[") ? "]" : "}";
            return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 78) {
            return pick(List.of("", "null", "[]", "1", "\"x\"", "true", "{", "}", "{}", "{\"a\"}", "{,}",
                    "\ufeff{}", "{\"name\":\"a\",\"name\":\"b\"}")).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 84) {
            byte[] bytes = new byte[between(1, 200)];
            random.nextBytes(bytes);
            return bytes;
        }
        if (roll < 90) {
            // Invalid UTF-8 inside a JSON string.
            byte[] prefix = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[prefix.length + 4];
            System.arraycopy(prefix, 0, out, 0, prefix.length);
            out[prefix.length] = (byte) 0xC3;
            out[prefix.length + 1] = (byte) 0x28;
            out[prefix.length + 2] = '"';
            out[prefix.length + 3] = '}';
            return out;
        }
        if (roll < 97) {
            // Huge string values, below and above the body limit.
            int size = chance(70) ? between(10_000, 200_000) : between(1_048_577, 1_300_000);
            return ("{\"name\":\"a\",\"url\":\"oci://r.example.com/x\",\"description\":\"" + "d".repeat(size) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return new byte[0];
    }

    private String object(int depth) {
        StringBuilder out = new StringBuilder("{");
        int fields = between(0, 8);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                out.append(',');
            }
            String key = chance(85) ? pick(this.fields) : string(between(0, 20));
            out.append(quote(key)).append(':').append(value(depth + 1));
        }
        return out.append('}').toString();
    }

    private String value(int depth) {
        int roll = random.nextInt(100);
        if (depth > 4) {
            roll = roll % 60;
        }
        if (roll < 30) {
            return quote(chance(70) ? pick(STRINGS) : string(between(0, 100)));
        }
        if (roll < 40) {
            return pick(List.of("0", "-1", "1", "2147483647", "2147483648", "-9223372036854775809",
                    "1.5", "1e309", "-0", "NaN", "1E2", "0x10", "00"));
        }
        if (roll < 50) {
            return pick(List.of("true", "false", "null"));
        }
        if (roll < 60) {
            return quote("x".repeat(between(256, 20_000)));
        }
        if (roll < 80) {
            return object(depth);
        }
        StringBuilder array = new StringBuilder("[");
        int items = between(0, 5);
        for (int i = 0; i < items; i++) {
            array.append(i > 0 ? "," : "").append(value(depth + 1));
        }
        return array.append(']').toString();
    }

    /** Random text over ASCII, Latin-1, controls, surrogate pairs and oddities. */
    public String string(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int roll = random.nextInt(10);
            if (roll < 5) {
                out.append((char) between(0x20, 0x7e));
            } else if (roll < 6) {
                out.append((char) between(0, 0x1f));
            } else if (roll < 8) {
                out.append((char) between(0xa0, 0x2fff));
            } else if (roll < 9) {
                out.appendCodePoint(between(0x1f600, 0x1f64f));
            } else {
                out.append(pick(List.of("/", "\\", ".", "%", "\"", "'", ":", "?", "#", "&", "=", "+", " ")));
            }
        }
        return out.toString();
    }

    private String asciiHeader(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append((char) between(0x21, 0x7e));
        }
        return out.toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
