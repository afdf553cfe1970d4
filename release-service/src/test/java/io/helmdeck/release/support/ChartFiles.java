package io.helmdeck.release.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.marcnuri.helm.Helm;

/** Real charts for tests: Helm's scaffold ({@code helm create}) plus extra files, packaged by Helm. */
public final class ChartFiles {
    private ChartFiles() {
    }

    /**
     * {@code helm create name}, Chart.yaml at {@code version}/{@code appVersion}, then {@code extra} written (paths
     * relative to the chart directory), then {@code helm package}. Returns the archive's bytes.
     */
    public static byte[] scaffold(String name, String version, String appVersion, Map<String, String> extra) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-work", "chart-" + UUID.randomUUID())
                    .toAbsolutePath());
            Helm helm = Helm.create().withName(name).withDir(dir).call();
            Path chart = dir.resolve(name);
            Path chartYaml = chart.resolve("Chart.yaml");
            Files.writeString(chartYaml, Files.readString(chartYaml)
                    .replaceFirst("(?m)^version: .*$", "version: " + version)
                    .replaceFirst("(?m)^appVersion: .*$", "appVersion: \"" + appVersion + "\""));
            for (Map.Entry<String, String> file : extra.entrySet()) {
                Path target = chart.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            helm.packageIt().withDestination(dir).call();
            return Files.readAllBytes(dir.resolve(name + "-" + version + ".tgz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
