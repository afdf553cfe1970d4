package io.helmdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl, a Go client built on the same client-go as Helm, reads the sandbox: discovery, collections, the status
 * the controllers write. Skipped where kubectl is not installed.
 */
class KubectlTest {

    static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    @TempDir
    static Path dir;
    static SandboxCluster cluster;
    static Path kubeconfig;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed");
        cluster = SandboxCluster.start(SandboxSettings.defaults().withReadyDelay(Duration.ofMillis(500))
                .withTick(Duration.ofMillis(50)));
        kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void kubectlSeesADeploymentBecomeAvailableAndABrokenOneNot() throws Exception {
        cluster.client().apps().deployments().inNamespace("team-a")
                .resource(ControllersTest.deployment("web", 2, "nginx:1.27")).create();
        cluster.client().apps().deployments().inNamespace("team-a")
                .resource(ControllersTest.deployment("crash", 1, "nginx:broken")).create();

        String available = Eventually.await(Duration.ofSeconds(15), () -> kubectl("get", "deployment", "web",
                "-n", "team-a", "-o", "jsonpath={.status.availableReplicas}"), "2"::equals);
        assertThat(available).isEqualTo("2");
        assertThat(kubectl("wait", "--for=condition=Available", "deployment/web", "-n", "team-a", "--timeout=10s"))
                .contains("condition met");
        assertThat(kubectl("get", "deployment", "crash", "-n", "team-a", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Available\")].status}")).isEqualTo("False");
    }

    @Test
    void kubectlListsByKindAndDiscoversResources() throws Exception {
        cluster.client().secrets().inNamespace("team-b").resource(new SecretBuilder().withNewMetadata()
                .withName("token").endMetadata().addToStringData("k", "v").build()).create();

        assertThat(kubectl("get", "secrets", "-n", "team-b", "-o", "name")).isEqualTo("secret/token");
        assertThat(kubectl("api-resources", "--api-group=apps", "-o", "name")).contains("deployments.apps");
        assertThat(kubectl("version", "-o", "json")).contains("\"gitVersion\": \"v1.31.4\"");
    }

    private static String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", dir.resolve("cache").toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl did not finish: " + command);
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
