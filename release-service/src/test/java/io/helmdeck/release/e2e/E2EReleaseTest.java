package io.helmdeck.release.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmdeck.release.support.ReleaseApi;
import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.helmdeck.release.support.SandboxClusterResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's "done when", end to end: charts made and pushed by Helm into the real registry, synced by the real
 * sync-worker into the real repo-service, deployed by this release-service into the sandbox cluster
 * (CRUD mode, client-side apply). Observed only through the public APIs and the cluster, as a user would.
 */
@QuarkusTest
@WithTestResource(value = SandboxClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = Platform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class E2EReleaseTest {

    static final String TENANT = "e2e";
    static final String NS = "apps";
    static final String RELEASES = "/api/v1/tenants/" + TENANT + "/helm-releases";
    static final String REPOSITORIES = "/api/v1/tenants/" + TENANT + "/oci-repositories";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aReleaseFollowsItsSourceThroughUpgradeRemediationRollbackSourceDeletionAndUninstall() throws Exception {
        KubernetesClient kube = SandboxClusterResource.cluster().client();
        String registry = config(Platform.REGISTRY_KEY);
        String repoService = config(Platform.REPO_SERVICE_KEY);
        E2ECharts.push(E2ECharts.create("demo", "0.1.0", "1.0.0", E2ECharts.Variant.SCAFFOLD), registry, "charts");
        given().baseUri(repoService).contentType(ContentType.JSON)
                .body(Map.of("name", "demo", "url", "oci://" + registry + "/charts/demo",
                        "ref", Map.of("semver", ">=0.1.0"), "interval", "00:10", "insecure", true))
                .post(REPOSITORIES).then().statusCode(201);

        // 1. Install: created before the source is Ready, it waits for it and then deploys revision 1.
        ReleaseApi.allowNamespaces(TENANT, NS); // not the tenant's own namespace: an admin allows it (issue 11)
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "demo", "sourceType", "OCIRepository", "sourceName", "demo",
                        "targetNamespace", NS, "install", Map.of("createNamespace", true),
                        "values", Map.of("replicaCount", 2)))
                .post(RELEASES).then().statusCode(201);
        JsonPath view = awaitRelease("installed", r -> "Deployed".equals(r.getString("status.phase")));
        assertThat(view.getString("status.lastAppliedRevision")).startsWith("0.1.0@sha256:");
        assertThat(view.getInt("status.currentRevision")).isEqualTo(1);
        Deployment deployment = kube.apps().deployments().inNamespace(NS).withName("demo").get();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "Helm")
                .containsEntry("app.kubernetes.io/version", "1.0.0");
        assertThat(deployment.getMetadata().getAnnotations())
                .containsEntry("meta.helm.sh/release-name", "demo")
                .containsEntry("meta.helm.sh/release-namespace", NS);
        assertThat(kube.services().inNamespace(NS).withName("demo").get()).isNotNull();
        assertThat(kube.pods().inNamespace(NS).withName("demo-test-connection").get())
                .as("the scaffold's test hook is not applied on install").isNull();
        assertThat(view.getList("status.inventory.kind")).contains("Deployment", "Service", "ServiceAccount");
        assertThat(history()).containsExactly("1 install deployed");
        JsonNode stored = helmRelease(kube, 1);
        assertThat(stored.path("name").asText()).isEqualTo("demo");
        assertThat(stored.path("version").asInt()).isEqualTo(1);
        assertThat(stored.path("info").path("status").asText()).isEqualTo("deployed");
        assertThat(stored.path("chart").path("metadata").path("version").asText()).isEqualTo("0.1.0");
        assertThat(stored.path("config").path("replicaCount").asInt()).isEqualTo(2);
        assertThat(stored.path("manifest").asText()).contains("kind: Deployment");

        // 2. A values change upgrades.
        given().contentType("application/merge-patch+json").body(Map.of("values", Map.of("replicaCount", 3)))
                .patch(RELEASES + "/demo").then().statusCode(200);
        awaitRelease("values upgrade", r -> r.getInt("status.currentRevision") == 2);
        assertThat(kube.apps().deployments().inNamespace(NS).withName("demo").get().getSpec().getReplicas())
                .isEqualTo(3);
        assertThat(helmSecret(kube, 1).getMetadata().getLabels()).containsEntry("status", "superseded");

        // 3. A new chart version pushed to the registry upgrades without anyone touching the release; the Service
        //    it no longer renders is deleted.
        E2ECharts.push(E2ECharts.create("demo", "0.2.0", "2.0.0", E2ECharts.Variant.WITHOUT_SERVICE), registry,
                "charts");
        view = awaitRelease("upgraded to 0.2.0", r -> r.getInt("status.currentRevision") == 3);
        assertThat(view.getString("status.lastAppliedRevision")).startsWith("0.2.0@sha256:");
        assertThat(kube.apps().deployments().inNamespace(NS).withName("demo").get().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/version", "2.0.0");
        assertThat(kube.services().inNamespace(NS).withName("demo").get()).isNull();

        // 4. A version whose objects the cluster refuses fails and is rolled back (remediation default).
        E2ECharts.push(E2ECharts.create("demo", "0.3.0", "3.0.0", E2ECharts.Variant.WITH_UNSERVED_KIND), registry,
                "charts");
        view = awaitRelease("failed upgrade remediated", r -> r.getInt("status.currentRevision") == 5);
        assertThat(view.getString("status.phase")).isEqualTo("Failed");
        assertThat(condition(view, "Remediated")).containsEntry("status", "True")
                .containsEntry("reason", "RollbackSucceeded");
        assertThat(condition(view, "Ready")).containsEntry("reason", "UpgradeFailed");
        assertThat(history()).startsWith("5 rollback deployed", "4 upgrade failed", "3 upgrade superseded");
        assertThat(kube.apps().deployments().inNamespace(NS).withName("demo").get().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/version", "2.0.0");

        // 5. Manual rollback to revision 1: the objects are as at revision 1 again.
        given().contentType(ContentType.JSON).body(Map.of("revision", 1)).post(RELEASES + "/demo/rollback")
                .then().statusCode(202);
        view = awaitRelease("rolled back to 1", r -> r.getInt("status.currentRevision") == 6);
        assertThat(view.getString("status.phase")).isEqualTo("Deployed");
        Deployment back = kube.apps().deployments().inNamespace(NS).withName("demo").get();
        assertThat(back.getSpec().getReplicas()).isEqualTo(2);
        assertThat(back.getMetadata().getLabels()).containsEntry("app.kubernetes.io/version", "1.0.0");
        assertThat(kube.services().inNamespace(NS).withName("demo").get()).isNotNull();
        assertThat(history().get(0)).isEqualTo("6 rollback deployed");

        // 6. Deleting the source leaves the release running and says why; a new source resumes it.
        given().baseUri(repoService).delete(REPOSITORIES + "/demo").then().statusCode(204);
        awaitRelease("source gone", r -> "SourceNotFound".equals(r.getString("status.phase")));
        assertThat(kube.apps().deployments().inNamespace(NS).withName("demo").get()).isNotNull();
        given().baseUri(repoService).contentType(ContentType.JSON)
                .body(Map.of("name", "demo", "url", "oci://" + registry + "/charts/demo",
                        "ref", Map.of("tag", "0.1.0"), "interval", "00:10", "insecure", true))
                .post(REPOSITORIES).then().statusCode(201);
        awaitRelease("source back", r -> "Deployed".equals(r.getString("status.phase"))
                && r.getInt("status.currentRevision") == 7);

        // 7. Uninstall: every object and Helm's records are gone, then the release itself.
        given().delete(RELEASES + "/demo").then().statusCode(202);
        awaitGone();
        assertThat(kube.apps().deployments().inNamespace(NS).withName("demo").get()).isNull();
        assertThat(kube.services().inNamespace(NS).withName("demo").get()).isNull();
        assertThat(kube.serviceAccounts().inNamespace(NS).withName("demo").get()).isNull();
        assertThat(kube.secrets().inNamespace(NS).withLabel("owner", "helm").list().getItems()).isEmpty();
    }

    private static List<String> history() {
        JsonPath h = given().get(RELEASES + "/demo/history").then().statusCode(200).extract().jsonPath();
        List<Integer> revisions = h.getList("items.revision");
        List<String> actions = h.getList("items.action");
        List<String> statuses = h.getList("items.status");
        return java.util.stream.IntStream.range(0, revisions.size())
                .mapToObj(i -> revisions.get(i) + " " + actions.get(i) + " " + statuses.get(i)).toList();
    }

    private static Map<String, String> condition(JsonPath view, String type) {
        List<Map<String, String>> conditions = view.getList("status.conditions");
        return conditions.stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(Map.of());
    }

    private static Secret helmSecret(KubernetesClient kube, int version) {
        return kube.secrets().inNamespace(NS).withName("sh.helm.release.v1.demo.v" + version).get();
    }

    /** Decodes Helm's storage record the way Helm's secrets driver does: base64, then gzip, then JSON. */
    private static JsonNode helmRelease(KubernetesClient kube, int version) throws IOException {
        Secret secret = helmSecret(kube, version);
        assertThat(secret).as("Helm release secret v" + version).isNotNull();
        assertThat(secret.getType()).isEqualTo("helm.sh/release.v1");
        assertThat(secret.getMetadata().getLabels()).containsEntry("owner", "helm").containsEntry("name", "demo")
                .containsEntry("version", String.valueOf(version));
        byte[] helmEncoded = Base64.getDecoder().decode(secret.getData().get("release"));
        byte[] gzip = Base64.getDecoder().decode(new String(helmEncoded, StandardCharsets.US_ASCII));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return JSON.readTree(in);
        }
    }

    private static JsonPath awaitRelease(String what, Predicate<JsonPath> done) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < end) {
            last = given().get(RELEASES + "/demo").then().statusCode(200).extract().jsonPath();
            try {
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException notYet) {
                // a field not there yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("release not " + what + " within " + WAIT + "; last: "
                + (last == null ? "nothing" : last.prettify()));
    }

    private static void awaitGone() throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (given().get(RELEASES + "/demo").statusCode() == 404) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("release still there after " + WAIT);
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    /**
     * Issue 5, across the three services: tenant A's token can neither see nor guess tenant B's repositories or
     * releases, a release of A naming B's repository never deploys B's chart, and the sync worker's internal API takes
     * no user token at all.
     */
    @Test
    void tenantsAreIsolatedAcrossRepoServiceReleaseServiceAndSyncWorker() throws Exception {
        KubernetesClient kube = SandboxClusterResource.cluster().client();
        String registry = config(Platform.REGISTRY_KEY);
        String repoService = config(Platform.REPO_SERVICE_KEY);
        String tokenA = Tokens.user("team-a");
        String tokenB = Tokens.user("team-b");
        E2ECharts.push(E2ECharts.create("private", "1.0.0", "1.0.0", E2ECharts.Variant.SCAFFOLD), registry, "charts");
        ReleaseApi.as(tokenB).baseUri(repoService)
                .body(Map.of("name", "private", "url", "oci://" + registry + "/charts/private",
                        "ref", Map.of("tag", "1.0.0"), "interval", "00:10", "insecure", true))
                .post("/api/v1/tenants/team-b/oci-repositories").then().statusCode(201);
        ReleaseApi.as(tokenB).body(Map.of("name", "b-app", "sourceType", "OCIRepository", "sourceName", "private"))
                .post("/api/v1/tenants/team-b/helm-releases").then().statusCode(201);

        // repo-service: B's repository is invisible to A, listed or named, existing or not.
        ReleaseApi.as(tokenA).baseUri(repoService).get("/api/v1/tenants/team-b/oci-repositories").then().statusCode(404);
        String existing = ReleaseApi.as(tokenA).baseUri(repoService).get("/api/v1/tenants/team-b/oci-repositories/private")
                .then().statusCode(404).extract().jsonPath().getString("title");
        String missing = ReleaseApi.as(tokenA).baseUri(repoService).get("/api/v1/tenants/team-b/oci-repositories/nothing")
                .then().statusCode(404).extract().jsonPath().getString("title");
        assertThat(existing).isEqualTo(missing);
        ReleaseApi.as(tokenA).baseUri(repoService).delete("/api/v1/tenants/team-b/oci-repositories/private").then()
                .statusCode(404);
        // release-service: B's release likewise.
        ReleaseApi.as(tokenA).get("/api/v1/tenants/team-b/helm-releases/b-app").then().statusCode(404);
        ReleaseApi.as(tokenA).get("/api/v1/tenants/team-b/helm-releases").then().statusCode(404);
        ReleaseApi.as(tokenA).post("/api/v1/tenants/team-b/helm-releases/b-app/reconcile").then().statusCode(404);
        // sync-worker: a user token is no credential for its internal API.
        ReleaseApi.as(tokenA).baseUri(config(Platform.SYNC_WORKER_KEY)).body("{}")
                .post("/internal/v1/registry/tags").then().statusCode(401);

        // A release of A naming B's repository: the source is looked up in A's tenant only, so it is not found.
        ReleaseApi.allowNamespaces("team-a", "team-a-ns");
        ReleaseApi.as(tokenA).body(Map.of("name", "thief", "sourceType", "OCIRepository", "sourceName", "private",
                "targetNamespace", "team-a-ns")).post("/api/v1/tenants/team-a/helm-releases").then().statusCode(201);
        long end = System.nanoTime() + WAIT.toNanos();
        String phase = null;
        while (System.nanoTime() < end && !"SourceNotFound".equals(phase)) {
            phase = ReleaseApi.as(tokenA).get("/api/v1/tenants/team-a/helm-releases/thief").then().statusCode(200)
                    .extract().jsonPath().getString("status.phase");
            Thread.sleep(200);
        }
        assertThat(phase).isEqualTo("SourceNotFound");
        assertThat(kube.apps().deployments().inNamespace("team-a-ns").list().getItems()).isEmpty();
        // Meanwhile B's own release of the same repository deploys.
        long until = System.nanoTime() + WAIT.toNanos();
        String bPhase = null;
        while (System.nanoTime() < until && !"Deployed".equals(bPhase)) {
            bPhase = ReleaseApi.as(tokenB).get("/api/v1/tenants/team-b/helm-releases/b-app").then().statusCode(200)
                    .extract().jsonPath().getString("status.phase");
            Thread.sleep(200);
        }
        assertThat(bPhase).isEqualTo("Deployed");
    }
}
