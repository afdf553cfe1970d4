package io.helmdeck.release.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.marcnuri.helm.Helm;

/** Charts made by Helm itself ({@code helm create} scaffold), changed a little per version, and pushed. */
final class E2ECharts {
    private E2ECharts() {
    }

    /** What to change in the scaffold before packaging. */
    enum Variant {
        /** The scaffold as Helm makes it. */
        SCAFFOLD,
        /** Without templates/service.yaml: an upgrade must delete the Service. */
        WITHOUT_SERVICE,
        /** Plus an object of a kind the cluster does not serve: applying it fails. */
        WITH_UNSERVED_KIND
    }

    static Path create(String name, String version, String appVersion, Variant variant) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-work", "chart-" + UUID.randomUUID())
                .toAbsolutePath());
        Helm helm = Helm.create().withName(name).withDir(dir).call();
        Path chart = dir.resolve(name);
        Path chartYaml = chart.resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml)
                .replaceFirst("(?m)^version: .*$", "version: " + version)
                .replaceFirst("(?m)^appVersion: .*$", "appVersion: \"" + appVersion + "\""));
        if (variant != Variant.SCAFFOLD) {
            Files.delete(chart.resolve("templates").resolve("service.yaml"));
        }
        if (variant == Variant.WITH_UNSERVED_KIND) {
            Files.writeString(chart.resolve("templates").resolve("widget.yaml"), """
                    apiVersion: example.com/v1
                    kind: Widget
                    metadata:
                      name: {{ include "%s.fullname" . }}
                    spec:
                      size: 3
                    """.formatted(name));
        }
        helm.packageIt().withDestination(dir).call();
        return dir.resolve(name + "-" + version + ".tgz");
    }

    static void push(Path chart, String registry, String namespace) {
        Helm.push().withChart(chart).withRemote(URI.create("oci://" + registry + "/" + namespace)).plainHttp().call();
    }
}
