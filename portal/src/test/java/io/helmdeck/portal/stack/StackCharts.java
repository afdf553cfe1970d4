package io.helmdeck.portal.stack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.marcnuri.helm.Helm;

/** Charts made by Helm itself ({@code helm create}), with a values schema, pushed to the test registry. */
public final class StackCharts {

    /** Accepts the scaffold's values and requires replicaCount to be an integer of at least 1. */
    static final String SCHEMA = """
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "type": "object",
              "properties": {
                "replicaCount": {"type": "integer", "minimum": 1}
              }
            }
            """;

    private StackCharts() {
    }

    /** Creates chart {@code name} at {@code version} and pushes it to {@code oci://registry/charts/name:version}. */
    public static void push(String name, String version, String registry) throws Exception {
        Helm.push().withChart(packaged(name, version))
                .withRemote(URI.create("oci://" + registry + "/charts")).plainHttp().call();
    }

    /** The chart archive ({@code .tgz}) as Helm packages it. */
    public static Path packaged(String name, String version) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-work", "chart-" + UUID.randomUUID()).toAbsolutePath());
        Helm helm = Helm.create().withName(name).withDir(dir).call();
        Path chart = dir.resolve(name);
        Path chartYaml = chart.resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml)
                .replaceFirst("(?m)^version: .*$", "version: " + version)
                .replaceFirst("(?m)^description: .*$", "description: " + name + ", a chart made for the portal tests")
                + "icon: data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCA0OCA0OCI+"
                + "PGNpcmNsZSBjeD0iMjQiIGN5PSIyNCIgcj0iMjAiIGZpbGw9IiMxZjVmYmYiLz48L3N2Zz4=\n");
        Files.writeString(chart.resolve("values.schema.json"), SCHEMA);
        helm.packageIt().withDestination(dir).call();
        return dir.resolve(name + "-" + version + ".tgz");
    }
}
