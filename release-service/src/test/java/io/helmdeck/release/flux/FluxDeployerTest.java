package io.helmdeck.release.flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.helmdeck.release.flux.FluxReleaseStatus.Ready;
import io.helmdeck.release.kube.ApplyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flux mode against fabric8's CRUD mock API server with Flux's CRDs registered. */
@EnableKubernetesMockClient(crud = true)
class FluxDeployerTest {

    private static final String NS = "flux-system";

    KubernetesClient client;
    KubernetesMockServer server;
    private FluxDeployer deployer;
    private String objectName;

    @BeforeEach
    void setUp() {
        FluxCrds.register(client);
        deployer = new FluxDeployer(client, new FluxObjects(FluxSpecs.config(NS, "regcred")));
        objectName = FluxNames.objectName("team-a", "podinfo");
    }

    @Test
    void applyCreatesASourcePinnedToTheDigestAndAHelmReleaseReferringToIt() throws Exception {
        assertThat(deployer.apply(FluxSpecs.spec())).isTrue();

        GenericKubernetesResource source = live(FluxDeployer.OCI_REPOSITORIES);
        assertThat(source.getMetadata().getLabels()).containsEntry("helmdeck.io/tenant", "team-a")
                .containsEntry("helmdeck.io/release", "podinfo")
                .containsEntry("app.kubernetes.io/managed-by", "helmdeck");
        assertThat((String) source.get("spec", "url")).isEqualTo(FluxSpecs.URL);
        assertThat((String) source.get("spec", "ref", "digest")).isEqualTo(FluxSpecs.DIGEST);
        assertThat((Map<String, Object>) source.get("spec", "ref")).containsOnlyKeys("digest");
        assertThat((String) source.get("spec", "layerSelector", "operation")).isEqualTo("copy");
        assertThat((String) source.get("spec", "secretRef", "name")).isEqualTo("regcred");

        GenericKubernetesResource release = live(FluxDeployer.HELM_RELEASES);
        assertThat((Map<String, Object>) release.get("spec", "chartRef"))
                .containsEntry("kind", "OCIRepository").containsEntry("name", objectName).containsEntry("namespace", NS);
        assertThat((String) release.get("spec", "releaseName")).isEqualTo("web");
        assertThat((String) release.get("spec", "targetNamespace")).isEqualTo("apps");
        assertThat((String) release.get("spec", "interval")).isEqualTo("5m");
        assertThat((String) release.get("spec", "timeout")).isEqualTo("90s");
        assertThat((Integer) release.get("spec", "maxHistory")).isEqualTo(7);
        assertThat((Boolean) release.get("spec", "install", "createNamespace")).isTrue();
        assertThat((Integer) release.get("spec", "install", "remediation", "retries")).isEqualTo(2);
        assertThat((Integer) release.get("spec", "upgrade", "remediation", "retries")).isEqualTo(3);
        assertThat((String) release.get("spec", "upgrade", "remediation", "strategy")).isEqualTo("uninstall");
        assertThat((Integer) release.get("spec", "values", "replicaCount")).isEqualTo(2);
        assertThat((String) release.get("spec", "values", "ingress", "hosts", 0, "host")).isEqualTo("podinfo.example.com");
        assertThat((Map<String, Object>) release.get("spec", "values")).containsEntry("resources", null);
    }

    @Test
    void applyingANewDigestAndValuesUpdatesBothObjects() throws Exception {
        deployer.apply(FluxSpecs.spec());

        Map<String, Object> values = new LinkedHashMap<>(FluxSpecs.values());
        values.put("replicaCount", 5);
        assertThat(deployer.apply(FluxSpecs.spec(FluxSpecs.OTHER_DIGEST, values))).isTrue();

        assertThat((String) live(FluxDeployer.OCI_REPOSITORIES).get("spec", "ref", "digest"))
                .isEqualTo(FluxSpecs.OTHER_DIGEST);
        assertThat((Integer) live(FluxDeployer.HELM_RELEASES).get("spec", "values", "replicaCount")).isEqualTo(5);
    }

    @Test
    void applyingTheSameSpecAgainWritesNothing() throws Exception {
        deployer.apply(FluxSpecs.spec());
        String sourceVersion = live(FluxDeployer.OCI_REPOSITORIES).getMetadata().getResourceVersion();
        String releaseVersion = live(FluxDeployer.HELM_RELEASES).getMetadata().getResourceVersion();

        assertThat(deployer.apply(FluxSpecs.spec())).isFalse();

        assertThat(live(FluxDeployer.OCI_REPOSITORIES).getMetadata().getResourceVersion()).isEqualTo(sourceVersion);
        assertThat(live(FluxDeployer.HELM_RELEASES).getMetadata().getResourceVersion()).isEqualTo(releaseVersion);
    }

    @Test
    void aFieldEditedByHandIsPutBack() throws Exception {
        deployer.apply(FluxSpecs.spec());
        GenericKubernetesResource edited = live(FluxDeployer.OCI_REPOSITORIES);
        ((Map<String, Object>) edited.getAdditionalProperties().get("spec")).put("ref", Map.of("tag", "latest"));
        resources(FluxDeployer.OCI_REPOSITORIES).resource(edited).update();

        assertThat(deployer.apply(FluxSpecs.spec())).isTrue();

        assertThat((Map<String, Object>) live(FluxDeployer.OCI_REPOSITORIES).get("spec", "ref"))
                .isEqualTo(Map.of("digest", FluxSpecs.DIGEST));
    }

    @Test
    void updateKeepsTheStatusFluxWrote() throws Exception {
        deployer.apply(FluxSpecs.spec());
        writeReadyCondition(FluxDeployer.HELM_RELEASES, "True", "InstallSucceeded", "Helm install succeeded", null);

        deployer.apply(FluxSpecs.spec(FluxSpecs.OTHER_DIGEST, FluxSpecs.values()));

        assertThat(FluxStatusMapper.readyCondition(live(FluxDeployer.HELM_RELEASES))).isNotNull();
    }

    @Test
    void aReleaseActingAsAServiceAccountHasBothObjectsBesideItAndIsReadAndDeletedThere() throws Exception {
        FluxReleaseSpec.ServiceAccount account = new FluxReleaseSpec.ServiceAccount("team-a", "helmdeck-tenant");
        FluxReleaseSpec base = FluxSpecs.spec();
        FluxReleaseSpec spec = new FluxReleaseSpec(base.tenant(), base.name(), base.releaseName(),
                base.targetNamespace(), base.values(), base.interval(), base.timeout(), base.createNamespace(),
                base.installRetries(), base.upgradeRetries(), base.upgradeStrategy(), base.maxHistory(),
                base.suspend(), base.source(), null, null, account);

        deployer.apply(spec);

        assertThat(client.genericKubernetesResources(FluxDeployer.HELM_RELEASES).inNamespace("team-a")
                .withName(objectName).get()).isNotNull();
        assertThat(client.genericKubernetesResources(FluxDeployer.OCI_REPOSITORIES).inNamespace("team-a")
                .withName(objectName).get()).isNotNull();
        assertThat(resources(FluxDeployer.HELM_RELEASES).withName(objectName).get()).as("nothing in flux-system")
                .isNull();
        assertThat(deployer.readStatus(account, "team-a", "podinfo")).isPresent();
        assertThat(deployer.delete(account, "team-a", "podinfo")).isTrue();
        assertThat(client.genericKubernetesResources(FluxDeployer.HELM_RELEASES).inNamespace("team-a")
                .withName(objectName).get()).isNull();
    }

    @Test
    void aReleaseWhoseIdentityChangedHasItsOldHelmReleaseSuspendedThenDeleted() throws Exception {
        deployer.apply(FluxSpecs.spec());
        GenericKubernetesResource old = resources(FluxDeployer.HELM_RELEASES).withName(objectName).get();
        // As helm-controller's finalizer does, so the deleted object stays readable until Flux lets it go.
        old.getMetadata().setFinalizers(List.of("finalizers.fluxcd.io"));
        resources(FluxDeployer.HELM_RELEASES).resource(old).update();

        assertThat(deployer.apply(asServiceAccount(FluxSpecs.spec()))).isTrue();

        assertThat(client.genericKubernetesResources(FluxDeployer.HELM_RELEASES).inNamespace("team-a")
                .withName(objectName).get()).as("the new pair, beside the account").isNotNull();
        GenericKubernetesResource retired = resources(FluxDeployer.HELM_RELEASES).withName(objectName).get();
        assertThat(retired.getMetadata().getDeletionTimestamp()).as("the old HelmRelease is being deleted")
                .isNotNull();
        assertThat(((Map<?, ?>) retired.getAdditionalProperties().get("spec")).get("suspend"))
                .as("suspended first, so that Flux does not uninstall the Helm release the new pair takes over")
                .isEqualTo(true);
        assertThat(resources(FluxDeployer.OCI_REPOSITORIES).withName(objectName).get()).isNull();
        assertThat(deployer.apply(asServiceAccount(FluxSpecs.spec()))).as("nothing left to move").isFalse();
    }

    @Test
    void deletingAReleaseAlsoDeletesAPairItsOldIdentityLeftBehind() throws Exception {
        deployer.apply(FluxSpecs.spec());
        FluxReleaseSpec.ServiceAccount account = new FluxReleaseSpec.ServiceAccount("team-a", "helmdeck-tenant");

        assertThat(deployer.delete(account, "team-a", "podinfo")).isTrue();

        assertThat(resources(FluxDeployer.HELM_RELEASES).withName(objectName).get()).isNull();
        assertThat(resources(FluxDeployer.OCI_REPOSITORIES).withName(objectName).get()).isNull();
    }

    @Test
    void deleteRemovesBothObjects() throws Exception {
        deployer.apply(FluxSpecs.spec());

        assertThat(deployer.delete(null, "team-a", "podinfo")).isTrue();

        assertThat(resources(FluxDeployer.OCI_REPOSITORIES).withName(objectName).get()).isNull();
        assertThat(resources(FluxDeployer.HELM_RELEASES).withName(objectName).get()).isNull();
        assertThat(deployer.delete(null, "team-a", "podinfo")).isFalse();
        assertThat(deployer.readStatus(null, "team-a", "podinfo")).isEmpty();
    }

    @Test
    void deleteLeavesOtherReleasesAlone() throws Exception {
        deployer.apply(FluxSpecs.spec());
        FluxReleaseSpec other = new FluxReleaseSpec("team-b", "podinfo", null, "team-b", null,
                java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(5), false, 0, 0, null, 10, false,
                new FluxSource(FluxSpecs.URL, FluxSpecs.DIGEST, false, null), null, null, null);
        deployer.apply(other);

        deployer.delete(null, "team-a", "podinfo");

        assertThat(resources(FluxDeployer.HELM_RELEASES).withName(FluxNames.objectName("team-b", "podinfo")).get())
                .isNotNull();
    }

    @Test
    void readyTrueIsReadBackWithTheDeployedRevision() throws Exception {
        deployer.apply(FluxSpecs.spec());
        GenericKubernetesResource release = live(FluxDeployer.HELM_RELEASES);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", List.of(condition("Ready", "True", "UpgradeSucceeded",
                "Helm upgrade succeeded for release apps/web.v2 with chart podinfo@6.6.1+0cc9a8446c95", null)));
        status.put("lastAttemptedRevision", "6.6.1+0cc9a8446c95");
        status.put("history", List.of(
                Map.of("chartName", "podinfo", "chartVersion", "6.6.1+0cc9a8446c95", "ociDigest", FluxSpecs.DIGEST,
                        "status", "deployed", "version", 2),
                Map.of("chartName", "podinfo", "chartVersion", "6.6.0+cdd538a0167e", "ociDigest", FluxSpecs.OTHER_DIGEST,
                        "status", "superseded", "version", 1)));
        release.setAdditionalProperty("status", status);
        resources(FluxDeployer.HELM_RELEASES).resource(release).updateStatus();

        FluxReleaseStatus read = deployer.readStatus(null, "team-a", "podinfo").orElseThrow();

        assertThat(read.ready()).isEqualTo(Ready.TRUE);
        assertThat(read.reason()).isEqualTo("UpgradeSucceeded");
        assertThat(read.message()).contains("apps/web.v2");
        assertThat(read.lastTransitionTime()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(read.lastAppliedDigest()).isEqualTo(FluxSpecs.DIGEST);
        assertThat(read.lastAppliedChartVersion()).isEqualTo("6.6.1");
        assertThat(read.lastAppliedRevision()).isEqualTo("6.6.1@" + FluxSpecs.DIGEST);
        assertThat(read.helmRevision()).isEqualTo(2);
        assertThat(read.lastAttemptedRevision()).isEqualTo("6.6.1+0cc9a8446c95");
        assertThat(read.toReadyCondition().status()).isEqualTo("True");
    }

    @Test
    void readyFalseIsReadBackWithFluxsReason() throws Exception {
        deployer.apply(FluxSpecs.spec());
        writeReadyCondition(FluxDeployer.HELM_RELEASES, "False", "InstallFailed",
                "Helm install failed for release apps/web with chart podinfo@6.6.1: context deadline exceeded", null);

        FluxReleaseStatus read = deployer.readStatus(null, "team-a", "podinfo").orElseThrow();

        assertThat(read.ready()).isEqualTo(Ready.FALSE);
        assertThat(read.reason()).isEqualTo("InstallFailed");
        assertThat(read.message()).contains("context deadline exceeded");
        assertThat(read.lastAppliedRevision()).isNull();
        assertThat(read.helmRevision()).isNull();
    }

    @Test
    void aFailingSourceExplainsAHelmReleaseWithoutVerdict() throws Exception {
        deployer.apply(FluxSpecs.spec());
        writeReadyCondition(FluxDeployer.OCI_REPOSITORIES, "False", "AuthenticationFailed",
                "failed to get credential from 'regcred': secrets \"regcred\" not found", null);

        FluxReleaseStatus read = deployer.readStatus(null, "team-a", "podinfo").orElseThrow();

        assertThat(read.ready()).isEqualTo(Ready.FALSE);
        assertThat(read.reason()).isEqualTo("AuthenticationFailed");
        assertThat(read.message()).startsWith("source: ").contains("regcred");
    }

    @Test
    void beforeFluxActsTheReleaseIsUnknownAndProgressing() throws Exception {
        deployer.apply(FluxSpecs.spec());

        FluxReleaseStatus read = deployer.readStatus(null, "team-a", "podinfo").orElseThrow();

        assertThat(read.ready()).isEqualTo(Ready.UNKNOWN);
        assertThat(read.reason()).isEqualTo("Progressing");
        assertThat(read.deleting()).isFalse();
    }

    @Test
    void withoutFluxCrdsTheErrorIsTypedAndNamesTheObject() {
        // What a real API server answers for a kind it does not serve.
        String notFound = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\",\"code\":404}";
        String path = "/apis/source.toolkit.fluxcd.io/v1/namespaces/no-flux/ocirepositories";
        server.expect().get().withPath(path + "/" + objectName).andReturn(404, notFound).always();
        server.expect().post().withPath(path).andReturn(404, notFound).always();
        FluxDeployer noFlux = new FluxDeployer(client, new FluxObjects(FluxSpecs.config("no-flux", null)));

        assertThatThrownBy(() -> noFlux.apply(FluxSpecs.spec()))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("OCIRepository no-flux/" + objectName)
                .hasMessageContaining("HTTP 404 the server could not find the requested resource")
                .hasMessageContaining("are Flux's CRDs installed");
    }

    private static FluxReleaseSpec asServiceAccount(FluxReleaseSpec base) {
        return new FluxReleaseSpec(base.tenant(), base.name(), base.releaseName(), base.targetNamespace(),
                base.values(), base.interval(), base.timeout(), base.createNamespace(), base.installRetries(),
                base.upgradeRetries(), base.upgradeStrategy(), base.maxHistory(), base.suspend(), base.source(), null,
                null, new FluxReleaseSpec.ServiceAccount("team-a", "helmdeck-tenant"));
    }

    private void writeReadyCondition(ResourceDefinitionContext context, String status, String reason, String message,
            Long observedGeneration) {
        GenericKubernetesResource resource = live(context);
        resource.setAdditionalProperty("status",
                Map.of("conditions", List.of(condition("Ready", status, reason, message, observedGeneration))));
        resources(context).resource(resource).updateStatus();
    }

    private static Map<String, Object> condition(String type, String status, String reason, String message,
            Long observedGeneration) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("status", status);
        c.put("reason", reason);
        c.put("message", message);
        c.put("lastTransitionTime", "2026-11-24T10:00:00Z");
        if (observedGeneration != null) {
            c.put("observedGeneration", observedGeneration);
        }
        return c;
    }

    private GenericKubernetesResource live(ResourceDefinitionContext context) {
        GenericKubernetesResource resource = resources(context).withName(objectName).get();
        assertThat(resource).as(context.getKind() + " " + objectName).isNotNull();
        return resource;
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> resources(ResourceDefinitionContext c) {
        return client.genericKubernetesResources(c).inNamespace(NS);
    }
}
