package io.helmdeck.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.marcnuri.helm.Helm;

/** Charts made by Helm itself ({@code helm create}'s scaffold, version and appVersion set) and pushed with Helm. */
public final class StackCharts {

    private final Path workDir;
    private final String registry;

    StackCharts(Path workDir, String registry) {
        this.workDir = workDir;
        this.registry = registry;
    }

    /**
     * Packages the scaffold as {@code name:version} with {@code appVersion} and pushes it to
     * {@code oci://registry/charts}; pushing the same version again with another appVersion moves the tag.
     */
    public void push(String name, String version, String appVersion) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("chart-" + UUID.randomUUID()));
        Helm helm = Helm.create().withName(name).withDir(dir).call();
        Path chartYaml = dir.resolve(name).resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml)
                .replaceFirst("(?m)^version: .*$", "version: " + version)
                .replaceFirst("(?m)^appVersion: .*$", "appVersion: \"" + appVersion + "\""));
        helm.packageIt().withDestination(dir).call();
        Helm.push().withChart(dir.resolve(name + "-" + version + ".tgz"))
                .withRemote(URI.create("oci://" + registry + "/charts")).plainHttp().call();
    }

    /** The repository URL Helmdeck is given for a chart pushed here. */
    public String url(String name) {
        return "oci://" + registry + "/charts/" + name;
    }
}
