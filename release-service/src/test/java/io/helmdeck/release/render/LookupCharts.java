package io.helmdeck.release.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** A chart that reads a Secret with {@code lookup}, and a way to see every log record written meanwhile. */
final class LookupCharts {

    private LookupCharts() {
    }

    /** Looks up Secret {@code .Values.name} in {@code .Values.ns} and shows whether it found it, and its password. */
    static byte[] secretReader(Path tmp) throws IOException {
        Path chart = tmp.resolve("src").resolve("reader");
        TestCharts.write(chart, "Chart.yaml", "apiVersion: v2\nname: reader\nversion: 1.0.0\n");
        TestCharts.write(chart, "values.yaml", "ns: default\nname: db\n");
        TestCharts.write(chart, "templates/found.yaml", """
                {{- $secret := lookup "v1" "Secret" .Values.ns .Values.name }}
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: looked-up
                data:
                  found: {{ empty $secret | ternary "no" "yes" | quote }}
                  password: {{ dig "data" "password" "" $secret | b64dec | quote }}
                """);
        return TestCharts.packageBytes(chart, tmp.resolve("dist"));
    }

    static RenderRequest request(byte[] chart, String namespace, String lookupNamespace) {
        return new RenderRequest(chart, "reader", namespace, Map.of("ns", lookupNamespace, "name", "db"), "v1.31.0",
                1, false);
    }

    /** What the chart's ConfigMap says: {@code found} and {@code password}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> found(RenderedRelease release) {
        ManifestObject configMap = release.resources().stream().filter(o -> "looked-up".equals(o.name()))
                .findFirst().orElseThrow();
        return (Map<String, Object>) configMap.body().get("data");
    }

    /** Every record logged anywhere in the process, at every level, while it is open. */
    static final class LogCapture implements AutoCloseable {
        private final Logger root = Logger.getLogger("");
        private final Logger helmdeck = Logger.getLogger("io.helmdeck");
        private final Level previous = helmdeck.getLevel();
        private final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                Object[] parameters = record.getParameters();
                if (parameters != null) {
                    message = message + " " + java.util.Arrays.toString(parameters);
                }
                messages.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        LogCapture() {
            handler.setLevel(Level.ALL);
            helmdeck.setLevel(Level.ALL);
            root.addHandler(handler);
        }

        List<String> messages() {
            return List.copyOf(messages);
        }

        @Override
        public void close() {
            root.removeHandler(handler);
            helmdeck.setLevel(previous);
        }
    }
}
