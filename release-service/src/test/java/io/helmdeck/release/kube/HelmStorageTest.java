package io.helmdeck.release.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.helmdeck.model.ChartMetadata;
import io.helmdeck.release.render.Hook;
import io.helmdeck.release.render.HookEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Helm 3's release Secrets written and read back against the CRUD mock API server. */
@EnableKubernetesMockClient(crud = true)
class HelmStorageTest {

    static final Instant DEPLOYED_AT = Instant.parse("2026-11-24T10:15:30.123Z");
    static final ChartMetadata CHART = new ChartMetadata("podinfo", "6.7.1", "6.7.1", "Podinfo Helm chart",
            null, ">=1.23.0-0", "application", null);

    KubernetesMockServer server;
    KubernetesClient client;
    HelmStorage storage;

    @BeforeEach
    void setUp() {
        storage = new HelmStorage(TestKube.connection(TestKube.clientSide(), client));
    }

    @Test
    void aRevisionIsStoredExactlyAsHelmStoresIt() throws Exception {
        Hook hook = new Hook(TestKube.object(client, """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: web-migrate}
                """), Set.of(HookEvent.PRE_INSTALL), 5, List.of(Hook.HOOK_SUCCEEDED));
        storage.write(ReleaseIdentity.helmdeck(), revision(1, HelmStatus.DEPLOYED, List.of(StoredHook.of(hook, new HookExecution("Job",
                "web-migrate", DEPLOYED_AT, DEPLOYED_AT.plusSeconds(4), HookExecution.SUCCEEDED)))));

        Secret secret = client.secrets().inNamespace("team-a").withName("sh.helm.release.v1.web.v1").get();
        assertThat(secret.getType()).isEqualTo("helm.sh/release.v1");
        assertThat(secret.getMetadata().getLabels())
                .containsEntry("name", "web").containsEntry("owner", "helm")
                .containsEntry("status", "deployed").containsEntry("version", "1")
                .containsKey("createdAt");

        JsonNode release = decodeLikeHelm(secret);
        assertThat(release.path("name").asText()).isEqualTo("web");
        assertThat(release.path("namespace").asText()).isEqualTo("team-a");
        assertThat(release.path("version").asInt()).isEqualTo(1);
        assertThat(release.path("info").path("status").asText()).isEqualTo("deployed");
        assertThat(release.path("info").path("first_deployed").asText()).isEqualTo("2026-11-24T10:15:30.123Z");
        assertThat(release.path("info").path("deleted").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(release.path("info").path("description").asText()).isEqualTo("Install complete");
        assertThat(release.path("info").path("notes").asText()).isEqualTo("Visit http://web");
        assertThat(release.path("chart").path("metadata").path("name").asText()).isEqualTo("podinfo");
        assertThat(release.path("chart").path("metadata").path("version").asText()).isEqualTo("6.7.1");
        assertThat(release.path("chart").path("metadata").path("appVersion").asText()).isEqualTo("6.7.1");
        assertThat(release.path("chart").path("values").path("replicaCount").asInt()).isEqualTo(1);
        assertThat(release.path("config").path("replicaCount").asInt()).isEqualTo(3);
        assertThat(release.path("manifest").asText()).contains("# Source: podinfo/templates/service.yaml");
        JsonNode storedHook = release.path("hooks").get(0);
        assertThat(storedHook.path("name").asText()).isEqualTo("web-migrate");
        assertThat(storedHook.path("kind").asText()).isEqualTo("Job");
        assertThat(storedHook.path("events").get(0).asText()).isEqualTo("pre-install");
        assertThat(storedHook.path("weight").asInt()).isEqualTo(5);
        assertThat(storedHook.path("delete_policies").get(0).asText()).isEqualTo("hook-succeeded");
        assertThat(storedHook.path("last_run").path("phase").asText()).isEqualTo("Succeeded");
    }

    @Test
    void revisionsReadBackAsWritten() throws Exception {
        storage.write(ReleaseIdentity.helmdeck(), revision(1, HelmStatus.DEPLOYED, List.of()));

        HelmReleaseRecord read = storage.get(ReleaseIdentity.helmdeck(), "team-a", "web", 1).orElseThrow();
        assertThat(read.name()).isEqualTo("web");
        assertThat(read.status()).isEqualTo(HelmStatus.DEPLOYED);
        assertThat(read.chart()).isEqualTo(CHART);
        assertThat(read.config()).isEqualTo(Map.of("replicaCount", 3));
        assertThat(read.firstDeployed()).isEqualTo(DEPLOYED_AT);
        assertThat(read.deleted()).isNull();
        assertThat(storage.get(ReleaseIdentity.helmdeck(), "team-a", "web", 2)).isEmpty();
    }

    @Test
    void anUpgradeSupersedesThePreviousRevision() throws Exception {
        storage.write(ReleaseIdentity.helmdeck(), revision(1, HelmStatus.DEPLOYED, List.of()));
        storage.write(ReleaseIdentity.helmdeck(), revision(2, HelmStatus.DEPLOYED, List.of()));

        storage.markStatus(ReleaseIdentity.helmdeck(), "team-a", "web", 1, HelmStatus.SUPERSEDED, null);

        assertThat(storage.history(ReleaseIdentity.helmdeck(), "team-a", "web"))
                .extracting(HelmReleaseRecord::version, HelmReleaseRecord::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, HelmStatus.SUPERSEDED),
                        org.assertj.core.groups.Tuple.tuple(2, HelmStatus.DEPLOYED));
        Secret first = client.secrets().inNamespace("team-a").withName("sh.helm.release.v1.web.v1").get();
        assertThat(first.getMetadata().getLabels()).containsEntry("status", "superseded")
                .containsKey("createdAt").containsKey("modifiedAt");
        JsonNode release = decodeLikeHelm(first);
        assertThat(release.path("info").path("status").asText()).isEqualTo("superseded");
        assertThat(release.path("info").path("description").asText()).isEqualTo("Install complete");
        assertThat(release.path("manifest").asText()).contains("kind: Service");
        assertThatThrownBy(() -> storage.markStatus(ReleaseIdentity.helmdeck(), "team-a", "web", 9, HelmStatus.SUPERSEDED, null))
                .isInstanceOf(ApplyException.class).hasMessageContaining("no revision 9");
    }

    @Test
    void pruningDeletesTheOldestButNeverTheDeployedRevision() throws Exception {
        storage.write(ReleaseIdentity.helmdeck(), revision(1, HelmStatus.SUPERSEDED, List.of()));
        storage.write(ReleaseIdentity.helmdeck(), revision(2, HelmStatus.SUPERSEDED, List.of()));
        storage.write(ReleaseIdentity.helmdeck(), revision(3, HelmStatus.DEPLOYED, List.of()));
        storage.write(ReleaseIdentity.helmdeck(), revision(4, HelmStatus.FAILED, List.of()));
        storage.write(ReleaseIdentity.helmdeck(), revision(5, HelmStatus.FAILED, List.of()));
        storage.write(ReleaseIdentity.helmdeck(), otherRelease());

        assertThat(storage.prune(ReleaseIdentity.helmdeck(), "team-a", "web", 2)).containsExactly(1, 2, 4);

        assertThat(storage.history(ReleaseIdentity.helmdeck(), "team-a", "web")).extracting(HelmReleaseRecord::version).containsExactly(3, 5);
        assertThat(storage.history(ReleaseIdentity.helmdeck(), "team-a", "api")).hasSize(1);
    }

    @Test
    void uninstallDeletesOnlyThatReleasesSecrets() throws Exception {
        storage.write(ReleaseIdentity.helmdeck(), revision(1, HelmStatus.SUPERSEDED, List.of()));
        storage.write(ReleaseIdentity.helmdeck(), revision(2, HelmStatus.DEPLOYED, List.of()));
        storage.write(ReleaseIdentity.helmdeck(), otherRelease());

        assertThat(storage.deleteAll(ReleaseIdentity.helmdeck(), "team-a", "web")).isEqualTo(2);

        assertThat(storage.history(ReleaseIdentity.helmdeck(), "team-a", "web")).isEmpty();
        assertThat(client.secrets().inNamespace("team-a").withName("sh.helm.release.v1.api.v1").get()).isNotNull();
    }

    /** Helm's driver: Secret.data (base64 on the wire) → base64 text → gzip → JSON. */
    private static JsonNode decodeLikeHelm(Secret secret) throws Exception {
        byte[] helmText = Base64.getDecoder().decode(secret.getData().get("release"));
        byte[] gzipped = Base64.getDecoder().decode(new String(helmText, StandardCharsets.US_ASCII));
        assertThat(gzipped[0] & 0xff).isEqualTo(0x1f);
        assertThat(gzipped[1] & 0xff).isEqualTo(0x8b);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new ObjectMapper().readTree(in.readAllBytes());
        }
    }

    private static HelmReleaseRecord revision(int version, HelmStatus status, List<StoredHook> hooks) {
        return new HelmReleaseRecord("web", "team-a", version, status, "Install complete", DEPLOYED_AT,
                DEPLOYED_AT.plusSeconds(version), null, "Visit http://web", CHART, Map.of("replicaCount", 1),
                Map.of("replicaCount", 3), """
                        ---
                        # Source: podinfo/templates/service.yaml
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: web
                        """, hooks);
    }

    private static HelmReleaseRecord otherRelease() {
        return new HelmReleaseRecord("api", "team-a", 1, HelmStatus.DEPLOYED, "Install complete", DEPLOYED_AT,
                DEPLOYED_AT, null, "", CHART, Map.of(), Map.of(), "", List.of());
    }
}
