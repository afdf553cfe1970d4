package io.helmdeck.sync.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import com.marcnuri.helm.Helm;

/** Real Helm charts made and pushed with Helm itself (helm-java), so the registry holds what Helm produces. */
public final class Charts {
    private Charts() {
    }

    /** {@code helm create} + {@code helm package}: returns the .tgz. */
    public static Path create(String name, String version) throws Exception {
        return create(name, version, "9.9.9");
    }

    /** Same, with the given {@code appVersion}: two charts of one version but different content. */
    public static Path create(String name, String version, String appVersion) throws Exception {
        Path dir = TestDirs.newDir("chart");
        Helm helm = Helm.create().withName(name).withDir(dir).call();
        Path chartYaml = dir.resolve(name).resolve("Chart.yaml");
        // helm-java's package command has no --version, so the version is written into Chart.yaml instead.
        String yaml = Files.readString(chartYaml)
                .replaceFirst("(?m)^version: .*$", "version: " + version)
                .replaceFirst("(?m)^appVersion: .*$", "appVersion: \"" + appVersion + "\"")
                + "kubeVersion: \">=1.23.0-0\"\n"
                + "icon: https://example.com/icon.png\n"
                + "dependencies:\n- name: common\n  version: 2.x.x\n  repository: oci://registry.example.com/charts\n";
        Files.writeString(chartYaml, yaml);
        // Helm refuses to package a declared dependency that is not vendored in charts/.
        Path common = Files.createDirectories(dir.resolve(name).resolve("charts").resolve("common"));
        Files.writeString(common.resolve("Chart.yaml"),
                "apiVersion: v2\nname: common\nversion: 2.1.0\ntype: library\n");
        helm.packageIt().withDestination(dir).call();
        return dir.resolve(name + "-" + version + ".tgz");
    }

    /** {@code helm push --plain-http chart.tgz oci://address/namespace}. */
    public static void push(Path chart, String registryAddress, String namespace) {
        Helm.push().withChart(chart).withRemote(URI.create("oci://" + registryAddress + "/" + namespace))
                .plainHttp().call();
    }
}
