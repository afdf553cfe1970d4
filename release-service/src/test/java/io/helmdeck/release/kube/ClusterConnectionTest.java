package io.helmdeck.release.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which cluster Helmdeck uses, the version it renders for, and what readiness says about it. */
@EnableKubernetesMockClient(crud = true)
class ClusterConnectionTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path home;

    @Test
    void theInClusterServiceAccountComesFirst() throws Exception {
        Path token = Files.writeString(home.resolve("token"), "t");
        Files.createDirectories(home.resolve(".kube"));
        Files.writeString(home.resolve(".kube/config"), "apiVersion: v1");

        ClusterSource source = ClusterDetector.detect(true,
                Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443"),
                Optional.empty(), Optional.empty(), home, token);

        assertThat(source.mode()).isEqualTo(ClusterSource.Mode.IN_CLUSTER);
        assertThat(source.description()).contains("10.0.0.1:443");
    }

    @Test
    void withoutATokenFileTheServiceHostAloneIsNotACluster() {
        ClusterSource source = ClusterDetector.detect(true, Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"),
                Optional.empty(), Optional.empty(), home, home.resolve("missing-token"));

        assertThat(source.mode()).isEqualTo(ClusterSource.Mode.NONE);
    }

    @Test
    void kubeconfigsAreFoundInHelmdecksSettingThenKubeconfigThenHome() throws Exception {
        Path explicit = Files.writeString(home.resolve("explicit.yaml"), "apiVersion: v1");
        Path fromEnv = Files.writeString(home.resolve("env.yaml"), "apiVersion: v1");
        Files.createDirectories(home.resolve(".kube"));
        Files.writeString(home.resolve(".kube/config"), "apiVersion: v1");
        Path noToken = home.resolve("no-token");

        ClusterSource setting = ClusterDetector.detect(true, Map.of("KUBECONFIG", fromEnv.toString()),
                Optional.of(explicit.toString()), Optional.empty(), home, noToken);
        ClusterSource env = ClusterDetector.detect(true, Map.of("KUBECONFIG", fromEnv.toString()),
                Optional.empty(), Optional.empty(), home, noToken);
        ClusterSource homeConfig = ClusterDetector.detect(true, Map.of(), Optional.empty(), Optional.empty(), home,
                noToken);

        assertThat(setting.kubeconfig()).isEqualTo(explicit);
        assertThat(env.mode()).isEqualTo(ClusterSource.Mode.KUBECONFIG);
        assertThat(env.kubeconfig()).as("the Quarkus client reads KUBECONFIG itself").isNull();
        assertThat(env.description()).contains(fromEnv.toString());
        assertThat(homeConfig.description()).contains(home.resolve(".kube/config").toString());
    }

    @Test
    void anApiServerUrlIsTheLastResortAndNothingMeansNoCluster() {
        Path noToken = home.resolve("no-token");

        ClusterSource url = ClusterDetector.detect(true, Map.of(), Optional.empty(),
                Optional.of("https://k8s.example:6443"), home, noToken);
        ClusterSource none = ClusterDetector.detect(true, Map.of(), Optional.empty(), Optional.empty(), home, noToken);
        ClusterSource disabled = ClusterDetector.detect(false, Map.of(), Optional.empty(),
                Optional.of("https://k8s.example:6443"), home, noToken);

        assertThat(url.mode()).isEqualTo(ClusterSource.Mode.API_SERVER_URL);
        assertThat(none.mode()).isEqualTo(ClusterSource.Mode.NONE);
        assertThat(none.description()).contains("no cluster configured");
        assertThat(disabled.mode()).isEqualTo(ClusterSource.Mode.NONE);
    }

    @Test
    void aMissingExplicitKubeconfigIsAConfigurationError() {
        assertThatThrownBy(() -> ClusterDetector.detect(true, Map.of(), Optional.of("/nowhere/kubeconfig"),
                Optional.empty(), home, home.resolve("no-token")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/nowhere/kubeconfig");
    }

    @Test
    void aConnectedClusterIsReadyAndReportsItsVersion() throws Exception {
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("30").withGitVersion("v1.30.4")
                .build());
        ClusterConnection connection = TestKube.connection(TestKube.clientSide(), client);

        assertThat(connection.kubeVersion()).isEqualTo("v1.30.4");
        HealthCheckResponse health = new ClusterReadinessCheck(connection).call();
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(health.getData()).hasValueSatisfying(data -> assertThat(data)
                .containsEntry("serverVersion", "v1.30.4").containsEntry("applying", "yes"));
    }

    @Test
    void noClusterIsReadyButSaysNothingIsApplied() {
        ClusterConnection connection = new ClusterConnection(TestKube.clientSide(),
                new ClusterSource(ClusterSource.Mode.NONE, "no cluster configured", null), () -> {
                    throw new AssertionError("no client may be created without a cluster");
                }, Clock.systemUTC());

        HealthCheckResponse health = new ClusterReadinessCheck(connection).call();

        assertThat(connection.available()).isFalse();
        assertThat(connection.kubeVersion()).isEqualTo("v1.31.0");
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(health.getData()).hasValueSatisfying(data -> assertThat(data.get("applying").toString())
                .contains("not applied"));
    }

    @Test
    void aConfiguredClusterThatDoesNotAnswerIsNotReadyAndRendersWithTheFallbackVersion() {
        KubernetesClient unreachable = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("https://127.0.0.1:1")
                        .withRequestRetryBackoffLimit(0).withConnectionTimeout(500).withRequestTimeout(500).build())
                .build();
        try {
            ClusterConnection connection = new ClusterConnection(TestKube.clientSide(),
                    new ClusterSource(ClusterSource.Mode.API_SERVER_URL, "API server https://127.0.0.1:1", null),
                    () -> unreachable, Clock.systemUTC());

            HealthCheckResponse health = new ClusterReadinessCheck(connection).call();

            assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(health.getData()).hasValueSatisfying(data -> assertThat(data.get("error").toString())
                    .contains("cannot reach the API server"));
            assertThat(connection.kubeVersion()).isEqualTo("v1.31.0");
        } finally {
            unreachable.close();
        }
    }
}
