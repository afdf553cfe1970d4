package io.helmdeck.release.reconcile;

import static io.helmdeck.release.reconcile.ReconcilerClusterTest.await;
import static io.helmdeck.release.reconcile.ReconcilerClusterTest.history;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmdeck.release.support.ChartFiles;
import io.helmdeck.release.support.ReleaseApi;
import io.helmdeck.release.support.SandboxClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waiting for readiness against the sandbox cluster, whose controllers make workloads ready 3 s after they see them
 * and never when the image is tagged {@code broken}; every request goes out as the tenant's service account.
 */
@QuarkusTest
@WithTestResource(value = SourceDouble.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
// Workloads become ready 8 s after apply: long enough that, even on a loaded machine, the install is seen waiting
// and the release that disables the wait is Deployed before its Deployment is available (3 s was not, at load ~15).
@WithTestResource(value = SandboxClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS, initArgs = {
        @ResourceArg(name = "readyDelay", value = "PT8S"), @ResourceArg(name = "tenantServiceAccount", value = "true")})
class ReadinessWaitClusterTest {

    static final String FAILING_HOOK = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: {{ .Release.Name }}-migrate
              annotations:
                "helm.sh/hook": pre-install
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: migrate
                    image: busybox:broken
            """;

    private String tenant;

    @BeforeEach
    void tenantWithItsNamespace() {
        tenant = SandboxClusterResource.newTenantWithNamespace();
    }

    @Test
    void anInstallShowsWhatItWaitsForThenABrokenUpgradeFailsNamingTheDeploymentAndIsRolledBack() throws Exception {
        SourceDouble.publish(tenant, "web", "0.1.0", ChartFiles.scaffold("web", "0.1.0", "1.0.0", Map.of()));
        create("web", Map.of(), Map.of());

        // A new release already says Progressing ("waiting for the first reconcile"): wait for the install's word.
        JsonPath waiting = await(tenant, "web", r -> ready(r, "message").startsWith("install: waiting"));
        assertThat(ready(waiting, "status")).isEqualTo("Unknown");
        assertThat(ready(waiting, "reason")).isEqualTo("Progressing");
        // The Deployment's own words depend on how far its controller got ("not observed … yet", "0/1 available").
        assertThat(ready(waiting, "message")).startsWith("install: waiting for Deployment " + tenant + "/web: ");
        assertThat(health(waiting, "Deployment")).isEqualTo("InProgress");
        assertThat(health(waiting, "ServiceAccount")).isEqualTo("Ready");
        assertThat(history(tenant, "web")).as("pending while waited for, as Helm shows it")
                .containsExactly("1 install pending-install");

        JsonPath deployed = await(tenant, "web", r -> "Deployed".equals(r.getString("status.phase")));
        assertThat(ready(deployed, "reason")).isEqualTo("InstallSucceeded");
        assertThat(deployed.getList("status.inventory.health", String.class)).isNotEmpty().containsOnly("Ready");
        assertThat(deployed.getList("status.inventory.findAll { it.kind == 'Deployment' }.healthMessage",
                String.class)).containsExactly("Deployment " + tenant + "/web: 1/1 available");

        given().contentType("application/merge-patch+json")
                .body(Map.of("timeout", "12s", "values", Map.of("image", Map.of("tag", "broken"))))
                .patch(ReleaseApi.base(tenant) + "/web").then().statusCode(200);
        JsonPath remediated = await(tenant, "web", r -> r.getInt("status.currentRevision") == 3);

        assertThat(ready(remediated, "reason")).isEqualTo("UpgradeFailed");
        assertThat(ready(remediated, "message")).startsWith("upgrade to revision 2 failed: timed out after 12s")
                .contains("Deployment " + tenant + "/web: 0/1 available (MinimumReplicasUnavailable)");
        assertThat(remediated.getList("status.conditions.findAll { it.type == 'Remediated' }.reason", String.class))
                .containsExactly("RollbackSucceeded");
        assertThat(history(tenant, "web")).containsExactly("3 rollback deployed", "2 upgrade failed",
                "1 install superseded");
        assertThat(kube().apps().deployments().inNamespace(tenant).withName("web").get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).as("the working image is back").doesNotEndWith(":broken");
    }

    @Test
    void aFailingPreInstallHookJobFailsTheInstallAndSaysWhichWhileItRuns() throws Exception {
        SourceDouble.publish(tenant, "hooked", "0.1.0", ChartFiles.scaffold("hooked", "0.1.0", "1.0.0",
                Map.of("templates/migrate.yaml", FAILING_HOOK)));
        create("hooked", Map.of(), Map.of());

        JsonPath running = await(tenant, "hooked", r -> ready(r, "message").startsWith("install: pre-install"));
        assertThat(ready(running, "reason")).isEqualTo("Progressing");
        assertThat(ready(running, "message"))
                .isEqualTo("install: pre-install hook Job " + tenant + "/hooked-migrate running");

        JsonPath failed = await(tenant, "hooked", r -> "InstallFailed".equals(ready(r, "reason")));
        assertThat(failed.getString("status.phase")).isEqualTo("Failed");
        assertThat(ready(failed, "message")).startsWith("install to revision 1 failed: pre-install hook Job "
                + tenant + "/hooked-migrate failed");
        assertThat(kube().apps().deployments().inNamespace(tenant).withName("hooked").get())
                .as("nothing after the failed hook was applied").isNull();
    }

    @Test
    void aReleaseThatDisablesTheWaitIsDeployedBeforeItsWorkloadIsReady() throws Exception {
        SourceDouble.publish(tenant, "eager", "0.1.0", ChartFiles.scaffold("eager", "0.1.0", "1.0.0", Map.of()));
        create("eager", Map.of("disableWait", true), Map.of());

        JsonPath deployed = await(tenant, "eager", r -> "Deployed".equals(r.getString("status.phase")));

        assertThat(ready(deployed, "reason")).isEqualTo("InstallSucceeded");
        assertThat(deployed.getList("status.inventory.health")).as("nothing was read back").containsOnlyNulls();
        assertThat(deployed.getBoolean("install.disableWait")).isTrue();
        var status = kube().apps().deployments().inNamespace(tenant).withName("eager").get().getStatus();
        Integer available = status == null ? null : status.getAvailableReplicas();
        assertThat(available == null ? 0 : available).as("the Deployment is not available yet").isZero();
    }

    private void create(String name, Map<String, Object> install, Map<String, Object> values) {
        ReleaseApi.json().body(Map.of("name", name, "sourceType", "OCIRepository", "sourceName", name,
                "timeout", "60s", "install", install, "values", values)).post(ReleaseApi.base(tenant)).then()
                .statusCode(201);
    }

    private static String ready(JsonPath view, String field) {
        List<String> values = view.getList("status.conditions.findAll { it.type == 'Ready' }." + field, String.class);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String health(JsonPath view, String kind) {
        return view.getList("status.inventory.findAll { it.kind == '" + kind + "' }.health", String.class).get(0);
    }

    private static KubernetesClient kube() {
        return SandboxClusterResource.cluster().client();
    }
}
