package io.helmdeck.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --sandbox-cluster}: release-service is pointed at a running sandbox, and the banner says it is simulated. */
class LocalSandboxTest {

    @TempDir
    Path root;

    @Test
    void releaseServiceGetsAKubeconfigThatReachesTheSandbox() throws Exception {
        PlatformSettings settings = new PlatformSettings(root, 5433, false, false);
        try (LocalSandbox sandbox = LocalSandbox.start(settings)) {
            Map<String, String> env = ServiceEnvironment.sandboxCluster(sandbox.kubeconfig());

            assertThat(env).containsEntry("HELMDECK_KUBE_KUBECONFIG",
                            root.resolve(".helmdeck/sandbox-kubeconfig").toString())
                    .containsEntry("HELMDECK_KUBE_APPLY_STRATEGY", "client-side")
                    .containsEntry("HELMDECK_KUBE_ENABLED", "true");
            Path kubeconfig = Path.of(env.get("HELMDECK_KUBE_KUBECONFIG"));
            Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                assertThat(client.getKubernetesVersion().getGitVersion()).startsWith("v1.");
                assertThat(client.getMasterUrl().toString()).startsWith(sandbox.url());
            }
        }
    }

    @Test
    void theBannerSaysPlainlyThatTheClusterIsSimulatedAndRunsNothing() {
        String section = PlatformBanner.sandboxSection("http://127.0.0.1:40123", Path.of("/x/.helmdeck/sandbox-kubeconfig"));

        assertThat(section).contains("http://127.0.0.1:40123")
                .contains("kubeconfig /x/.helmdeck/sandbox-kubeconfig")
                .contains("SIMULATED")
                .contains("runs nothing")
                .contains(":broken never become ready");
    }
}
