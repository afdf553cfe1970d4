package io.helmdeck.release.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import io.helmdeck.model.ChartMetadata;
import io.helmdeck.sandbox.SandboxCluster;
import io.helmdeck.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm's own code (helm-java = Helm v3 in process) reads the release records {@link HelmStorage} writes, through the
 * sandbox cluster's API: discovery, {@code SecretList} and all. If either side drifts from Helm's storage format,
 * {@code helm list/history} stop showing Helmdeck's releases and this fails.
 */
class HelmReadsSandboxTest {

    static final ChartMetadata CHART = new ChartMetadata("podinfo", "6.7.1", "6.7.2", "Podinfo Helm chart",
            null, ">=1.23.0-0", "application", null);
    static final Instant DEPLOYED_AT = Instant.parse("2026-11-24T10:15:30Z");

    @TempDir
    static Path dir;
    static SandboxCluster cluster;
    static Path kubeconfig;

    @BeforeAll
    static void start() throws Exception {
        cluster = SandboxCluster.start(SandboxSettings.defaults());
        kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        HelmStorage storage = new HelmStorage(TestKube.connection(TestKube.clientSide(), cluster.client()));
        storage.write(ReleaseIdentity.helmdeck(), revision("web", 1, HelmStatus.DEPLOYED, "Install complete"));
        storage.write(ReleaseIdentity.helmdeck(), revision("web", 2, HelmStatus.DEPLOYED, "Upgrade complete"));
        storage.markStatus(ReleaseIdentity.helmdeck(), "team-a", "web", 1, HelmStatus.SUPERSEDED, null);
        storage.write(ReleaseIdentity.helmdeck(), revision("api", 1, HelmStatus.FAILED, "Install failed: timed out waiting for the condition"));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void helmListShowsTheDeployedRevisionWithItsChart() {
        List<Release> releases = Helm.list().withKubeConfig(kubeconfig).withNamespace("team-a").all().call();

        assertThat(releases).extracting(Release::getName, Release::getNamespace, Release::getRevision,
                        Release::getStatus, Release::getChart, Release::getAppVersion)
                .containsExactlyInAnyOrder(
                        tuple("web", "team-a", "2", "deployed", "podinfo-6.7.1", "6.7.2"),
                        tuple("api", "team-a", "1", "failed", "podinfo-6.7.1", "6.7.2"));
        assertThat(Helm.list().withKubeConfig(kubeconfig).withNamespace("team-b").call()).isEmpty();
    }

    @Test
    void helmHistoryShowsEveryRevisionWithStatusAndDescription() {
        List<ReleaseHistory> history = Helm.history("web").withKubeConfig(kubeconfig).withNamespace("team-a").call();

        assertThat(history).extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus,
                        ReleaseHistory::getChart, ReleaseHistory::getDescription)
                .containsExactlyInAnyOrder(
                        tuple(1, "superseded", "podinfo-6.7.1", "Install complete"),
                        tuple(2, "deployed", "podinfo-6.7.1", "Upgrade complete"));
    }

    @Test
    void helmStatusReadsTheLatestRevision() {
        Release status = Helm.status("web").withKubeConfig(kubeconfig).withNamespace("team-a").call();

        assertThat(status.getRevision()).isEqualTo("2");
        assertThat(status.getStatus()).isEqualTo("deployed");
        assertThat(status.getLastDeployed().toInstant()).isEqualTo(DEPLOYED_AT.plusSeconds(2));
    }

    private static HelmReleaseRecord revision(String name, int version, HelmStatus status, String description) {
        return new HelmReleaseRecord(name, "team-a", version, status, description, DEPLOYED_AT,
                DEPLOYED_AT.plusSeconds(version), null, "", CHART, Map.of("replicaCount", 1),
                Map.of("replicaCount", 3), """
                        ---
                        # Source: podinfo/templates/service.yaml
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: %s
                        """.formatted(name), List.of());
    }
}
