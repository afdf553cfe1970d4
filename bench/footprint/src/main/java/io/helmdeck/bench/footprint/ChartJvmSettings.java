package io.helmdeck.bench.footprint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.helmdeck.local.PlatformService;

/**
 * The JVM options a service gets from the chart's default values ({@code deploy/helm/helmdeck/values.yaml}), read
 * from the file so the bench measures what the chart ships: {@code jvm.baseOpts}, {@code jvm.gcOptions} and the
 * component's {@code javaOpts}, in the order the images' run-java.sh puts them. Outside a container the JVM sees the
 * machine's memory and cores, so the container's limits are given to it as {@code -XX:MaxRAM} (what
 * {@code MaxRAMPercentage} is taken of) and {@code -XX:ActiveProcessorCount}. The component's {@code extraEnv} comes
 * along as its environment.
 */
record ChartJvmSettings(String component, long memoryLimitBytes, int cpuLimit, List<String> options,
        Map<String, String> environment) {

    static ChartJvmSettings read(Path valuesYaml, PlatformService service) throws IOException {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(valuesYaml.toFile());
        String component = switch (service) {
            case REPO_SERVICE -> "repoService";
            case SYNC_WORKER -> "syncWorker";
            case RELEASE_SERVICE -> "releaseService";
            case PORTAL -> "portal";
        };
        JsonNode c = values.path(component);
        long memory = quantityBytes(c.path("resources").path("limits").path("memory").asText());
        int cpus = Math.max(1, (int) Math.ceil(cpuQuantity(c.path("resources").path("limits").path("cpu").asText("1"))));
        List<String> options = new ArrayList<>();
        options.add("-XX:MaxRAM=" + memory);
        options.add("-XX:ActiveProcessorCount=" + cpus);
        // The bench binds every service to the loopback itself (QUARKUS_HTTP_HOST); the chart's 0.0.0.0 would
        // override that (a system property wins over the environment in Quarkus).
        split(values.path("jvm").path("baseOpts").asText()).stream()
                .filter(o -> !o.startsWith("-Dquarkus.http.host=")).forEach(options::add);
        options.addAll(split(values.path("jvm").path("gcOptions").asText()));
        options.addAll(split(c.path("javaOpts").asText()));
        // The component's extraEnv (e.g. MALLOC_ARENA_MAX) is part of what the chart ships, so the bench sets it too.
        Map<String, String> environment = new LinkedHashMap<>();
        c.path("extraEnv").forEach(e -> environment.put(e.path("name").asText(), e.path("value").asText()));
        return new ChartJvmSettings(component, memory, cpus, List.copyOf(options), Map.copyOf(environment));
    }

    private static List<String> split(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }

    /** Kubernetes memory quantities as the chart writes them: {@code 256Mi}, {@code 1Gi}, or plain bytes. */
    static long quantityBytes(String quantity) {
        String q = quantity.strip();
        if (q.endsWith("Gi")) {
            return Long.parseLong(q.substring(0, q.length() - 2)) << 30;
        }
        if (q.endsWith("Mi")) {
            return Long.parseLong(q.substring(0, q.length() - 2)) << 20;
        }
        if (q.endsWith("Ki")) {
            return Long.parseLong(q.substring(0, q.length() - 2)) << 10;
        }
        if (q.isEmpty()) {
            throw new IllegalArgumentException("the chart sets no memory limit");
        }
        return Long.parseLong(q);
    }

    static double cpuQuantity(String quantity) {
        String q = quantity.strip().toLowerCase(Locale.ROOT);
        return q.endsWith("m") ? Integer.parseInt(q.substring(0, q.length() - 1)) / 1000.0 : Double.parseDouble(q);
    }

    long memoryLimitMiB() {
        return memoryLimitBytes >> 20;
    }
}
