package io.helmdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Helm's own install (helm-java = Helm v3 in process) against the sandbox. */
class HelmInstallTest {

    @TempDir
    static Path dir;
    static SandboxCluster cluster;
    static Path kubeconfig;
    static Path chart;

    @BeforeAll
    static void start() throws Exception {
        cluster = SandboxCluster.start(SandboxSettings.defaults().withReadyDelay(Duration.ofSeconds(2))
                .withTick(Duration.ofMillis(100)));
        kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        Helm.create().withName("demo").withDir(dir).call();
        chart = dir.resolve("demo");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void helmsOwnInstallIsRefusedAtOnceBecauseHelmWritesProtobuf() {
        // Helm v3 writes its release Secret with client-go's protobuf encoding, which fabric8's store cannot read.
        // The sandbox says so with a 415 Status instead of leaving Helm waiting for an answer (ADR 0017). Reading
        // (helm list/history/status) works: Helm accepts JSON answers.
        assertThatThrownBy(() -> new Helm(chart).install().withName("web").withNamespace("team-a")
                .withKubeConfig(kubeconfig).disableOpenApiValidation().withTimeout(30).call())
                .hasMessageContaining("the sandbox cluster reads JSON only, not application/vnd.kubernetes.protobuf");
        assertThat(cluster.client().secrets().inNamespace("team-a").list().getItems()).isEmpty();
    }
}
