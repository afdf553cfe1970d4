package io.helmdeck.release.reconcile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmdeck.release.support.ReleaseApi;
import io.helmdeck.release.support.ChartFiles;
import io.helmdeck.support.testing.Db;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.helmdeck.release.support.SandboxClusterResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import io.helmdeck.release.support.ReleaseRows;

/**
 * The reconciler against the sandbox cluster (its controllers make workloads ready; client-side apply) with a stand-in repo-service:
 * hooks and CRDs, suspend, and an upgrade cut off by a crash. The full platform flow is in E2EReleaseTest.
 */
@QuarkusTest
@WithTestResource(value = SandboxClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = SourceDouble.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ReconcilerClusterTest {

    static final Duration WAIT = Duration.ofSeconds(45);

    static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets, singular: widget}
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """;

    static String hook(String name, String events, String weight, String policy) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  annotations:
                    "helm.sh/hook": %s
                    "helm.sh/hook-weight": "%s"
                %s
                data:
                  release: {{ .Release.Name }}
                """.formatted(name, events, weight,
                policy == null ? "" : "    \"helm.sh/hook-delete-policy\": " + policy);
    }

    @Test
    void hooksRunCrdsComeFirstTestHooksAreNotAppliedAndCrdsOutliveUninstall() throws Exception {
        KubernetesClient kube = SandboxClusterResource.cluster().client();
        String tenant = ReleaseApi.newTenant();
        byte[] chart = ChartFiles.scaffold("hooked", "0.1.0", "1.0.0", Map.of(
                "crds/widgets.yaml", CRD,
                "templates/hook-pre.yaml", hook("hook-pre", "pre-install", "-5", null),
                "templates/hook-post.yaml", hook("hook-post", "post-install,post-upgrade", "0", null),
                "templates/hook-gone.yaml", hook("hook-gone", "post-install", "1", "hook-succeeded"),
                "templates/hook-delete.yaml", hook("hook-delete", "pre-delete", "0", null)));
        SourceDouble.publish(tenant, "hooked", "0.1.0", chart);
        // crds/ holds a cluster-scoped object: the tenant's cluster policy must allow the kind (issue 11).
        ReleaseApi.json().body(Map.of("namespaces", List.of(tenant), "clusterScopedKinds", List.of("CustomResourceDefinition")))
                .put(ReleaseApi.policy(tenant)).then().statusCode(200);
        create(tenant, "hooked", "{}");
        JsonPath view = await(tenant, "hooked", r -> "Deployed".equals(r.getString("status.phase")));

        assertThat(kube.apiextensions().v1().customResourceDefinitions().withName("widgets.example.com").get())
                .as("CRD from crds/").isNotNull();
        assertThat(configMap(kube, tenant, "hook-pre").getData()).containsEntry("release", "hooked");
        assertThat(configMap(kube, tenant, "hook-post")).as("post-install hook").isNotNull();
        assertThat(configMap(kube, tenant, "hook-gone")).as("hook-succeeded hook deleted after it ran").isNull();
        assertThat(configMap(kube, tenant, "hook-delete")).as("pre-delete hook not run on install").isNull();
        assertThat(kube.pods().inNamespace(tenant).withName("hooked-test-connection").get())
                .as("test hook").isNull();
        assertThat(view.getList("status.inventory.name")).as("hooks are not part of the inventory")
                .doesNotContain("hook-pre", "hook-post").contains("hooked");
        assertThat(kube.apps().deployments().inNamespace(tenant).withName("hooked").get()).isNotNull();

        given().delete(ReleaseApi.base(tenant) + "/hooked").then().statusCode(202);
        awaitGone(tenant, "hooked");
        assertThat(kube.apps().deployments().inNamespace(tenant).withName("hooked").get()).isNull();
        assertThat(kube.services().inNamespace(tenant).withName("hooked").get()).isNull();
        assertThat(configMap(kube, tenant, "hook-delete")).as("pre-delete hook ran").isNotNull();
        assertThat(kube.apiextensions().v1().customResourceDefinitions().withName("widgets.example.com").get())
                .as("CRDs are never deleted, as with Helm").isNotNull();
    }

    @Test
    void aSuspendedReleaseChangesNothingInTheClusterAndItsDeletionLeavesTheObjects() throws Exception {
        KubernetesClient kube = SandboxClusterResource.cluster().client();
        String tenant = ReleaseApi.newTenant();
        SourceDouble.publish(tenant, "calm", "0.1.0", ChartFiles.scaffold("calm", "0.1.0", "1.0.0", Map.of()));
        create(tenant, "calm", "{\"replicaCount\":2}");
        await(tenant, "calm", r -> "Deployed".equals(r.getString("status.phase")));

        given().contentType("application/merge-patch+json")
                .body("{\"suspend\":true,\"values\":{\"replicaCount\":5}}").patch(ReleaseApi.base(tenant) + "/calm")
                .then().statusCode(200);
        SourceDouble.publish(tenant, "calm", "0.2.0", ChartFiles.scaffold("calm", "0.2.0", "2.0.0", Map.of()));
        JsonPath view = await(tenant, "calm",
                r -> r.getLong("status.observedVersion") == r.getLong("version"));
        assertThat(view.getString("status.phase")).isEqualTo("Suspended");
        assertThat(kube.apps().deployments().inNamespace(tenant).withName("calm").get().getSpec().getReplicas())
                .isEqualTo(2);
        assertThat(history(tenant, "calm")).containsExactly("1 install deployed");

        given().delete(ReleaseApi.base(tenant) + "/calm").then().statusCode(204);
        assertThat(kube.apps().deployments().inNamespace(tenant).withName("calm").get())
                .as("deleting a suspended release leaves its objects").isNotNull();
    }

    @Test
    void anUpgradeCutOffByACrashIsFinishedByTheNextReconcile() throws Exception {
        KubernetesClient kube = SandboxClusterResource.cluster().client();
        String tenant = ReleaseApi.newTenant();
        String revision = SourceDouble.publish(tenant, "sturdy", "0.1.0",
                ChartFiles.scaffold("sturdy", "0.1.0", "1.0.0", Map.of()));
        create(tenant, "sturdy", "{\"replicaCount\":1}");
        await(tenant, "sturdy", r -> "Deployed".equals(r.getString("status.phase")));
        long id = ReleaseRows.releaseId(tenant, "sturdy");
        String digest = revision.substring(revision.indexOf('@') + 1);

        // What a replica leaves behind when it dies mid-upgrade: the new spec, and revision 2 still pending.
        Map<String, Object> values = Map.of("replicaCount", 4);
        Db.execute("update helm_release set values_json = '{\"replicaCount\":4}', version = version + 1 where id = ?",
                id);
        Db.execute("insert into helm_release_revision (release_id, revision, chart_name, chart_version, app_version,"
                + " source_revision, source_digest, values_json, values_digest, manifest, inventory, status, action,"
                + " description, started_at) values (?, 2, 'sturdy', '0.1.0', '1.0.0', ?, ?, '{\"replicaCount\":4}',"
                + " ?, '', '[]', 'pending-upgrade', 'upgrade', 'Upgrade started', now())",
                id, revision, digest, ValuesDigest.of(values));
        Db.execute("update helm_release_status set next_reconcile_at = now() where release_id = ?", id);

        JsonPath view = await(tenant, "sturdy", r -> r.getInt("status.currentRevision") == 3);
        assertThat(view.getString("status.phase")).isEqualTo("Deployed");
        assertThat(history(tenant, "sturdy")).containsExactly("3 upgrade deployed", "2 upgrade failed",
                "1 install superseded");
        assertThat(given().get(ReleaseApi.base(tenant) + "/sturdy/history").jsonPath().getString("items[1].description"))
                .contains("interrupted");
        assertThat(kube.apps().deployments().inNamespace(tenant).withName("sturdy").get().getSpec().getReplicas())
                .isEqualTo(4);
    }

    private static void create(String tenant, String name, String values) {
        ReleaseApi.json().body("{\"name\":\"" + name + "\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"" + name
                + "\",\"install\":{\"createNamespace\":true},\"values\":" + values + "}")
                .post(ReleaseApi.base(tenant)).then().statusCode(201);
    }

    private static ConfigMap configMap(KubernetesClient kube, String namespace, String name) {
        return kube.configMaps().inNamespace(namespace).withName(name).get();
    }

    static List<String> history(String tenant, String name) {
        JsonPath h = given().accept(ContentType.JSON).get(ReleaseApi.base(tenant) + "/" + name + "/history").then()
                .statusCode(200).extract().jsonPath();
        List<Integer> revisions = h.getList("items.revision");
        List<String> actions = h.getList("items.action");
        List<String> statuses = h.getList("items.status");
        return java.util.stream.IntStream.range(0, revisions.size())
                .mapToObj(i -> revisions.get(i) + " " + actions.get(i) + " " + statuses.get(i)).toList();
    }

    static JsonPath await(String tenant, String name, Predicate<JsonPath> done) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < end) {
            last = ReleaseApi.get(tenant, name).then().statusCode(200).extract().jsonPath();
            try {
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException notYet) {
                // a field not there yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("release " + name + " did not get there within " + WAIT + "; last: "
                + (last == null ? "nothing" : last.prettify()));
    }

    static void awaitGone(String tenant, String name) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (ReleaseApi.get(tenant, name).statusCode() == 404) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("release " + name + " still there after " + WAIT);
    }
}
