package io.helmdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubeconfig a user (or release-service) is given reaches the sandbox and nothing else. */
class SandboxMainTest {

    @TempDir
    Path dir;

    @Test
    void theWrittenKubeconfigPointsAClientAtTheSandbox() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxSettings.defaults())) {
            Path file = cluster.writeKubeconfig(dir.resolve("nested/kubeconfig"));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            Config config = Config.fromKubeconfig(null, Files.readString(file), file.toString());
            assertThat(config.getMasterUrl()).startsWith(cluster.url());
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("s")
                        .endMetadata().build()).create();
            }
            assertThat(cluster.client().secrets().inNamespace("default").withName("s").get()).isNotNull();
        }
    }

    @Test
    void durationsAreReadAsUsersWriteThem() {
        assertThat(SandboxCluster.duration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(SandboxCluster.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(SandboxCluster.duration("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(SandboxCluster.duration("PT0.5S")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> SandboxCluster.duration("soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a duration: soon");
    }

    @Test
    void requestsAreNotKeptUnlessAsked() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxSettings.defaults()
                .withTick(Duration.ofMinutes(10)))) {
            cluster.client().secrets().inNamespace("default").list();
            cluster.client().configMaps().inNamespace("default").list();

            cluster.reconcileNow();

            assertThat(cluster.server().getRequestCount()).isGreaterThan(2);
            assertThat(cluster.server().takeRequest(0, java.util.concurrent.TimeUnit.NANOSECONDS)).isNull();
        }
        try (SandboxCluster cluster = SandboxCluster.start(SandboxSettings.defaults().withRecordedRequests(true)
                .withTick(Duration.ofMinutes(10)))) {
            cluster.client().secrets().inNamespace("default").list();
            cluster.reconcileNow();
            java.util.List<String> paths = new java.util.ArrayList<>();
            for (var r = cluster.server().takeRequest(1, java.util.concurrent.TimeUnit.SECONDS); r != null;
                    r = cluster.server().takeRequest(0, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                paths.add(r.getPath());
            }
            assertThat(paths).contains("/api/v1/namespaces/default/secrets");
        }
    }
}
