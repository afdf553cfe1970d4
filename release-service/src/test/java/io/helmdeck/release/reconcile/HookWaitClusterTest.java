package io.helmdeck.release.reconcile;

import static io.helmdeck.release.reconcile.ReconcilerClusterTest.await;
import static io.helmdeck.release.reconcile.ReconcilerClusterTest.awaitGone;
import static io.helmdeck.release.reconcile.ReconcilerClusterTest.history;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmdeck.release.support.ChartFiles;
import io.helmdeck.release.support.ReleaseApi;
import io.helmdeck.release.support.SandboxClusterResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hook Jobs waited for as a state the reconcile loop comes back to (ADR 0029), with ONE reconcile slot: a pre-install
 * hook Job that does not finish (suspended until the test lets it run) must not keep another release from deploying,
 * Helm's order holds (pre hooks → manifest → ready → post hooks → deployed), and a failing hook fails the action and
 * is remediated; an uninstall's delete hooks are waited for the same way. Against the sandbox cluster, whose controllers finish Jobs and ready workloads after 1 s.
 */
@QuarkusTest
@WithTestResource(value = SourceDouble.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = HookWaitClusterTest.OneReconcileSlot.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = SandboxClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS, initArgs = {
        @ResourceArg(name = "readyDelay", value = "PT1S")})
class HookWaitClusterTest {

    /** One release reconciled at a time per replica: a hook waited for in place would stop every other release. */
    public static class OneReconcileSlot implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("helmdeck.reconcile.max-concurrent", "1");
        }

        @Override
        public void stop() {
            // Nothing started.
        }
    }

    /** A hook Job; {@code suspend: true} keeps it running until the test resumes it (the sandbox leaves it alone). */
    static String hookJob(String suffix, String event, boolean suspended, String image) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: {{ .Release.Name }}-%s
                  annotations:
                    "helm.sh/hook": %s
                spec:
                  suspend: %s
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: run
                        image: %s
                """.formatted(suffix, event, suspended, image);
    }

    private String tenant;

    @BeforeEach
    void tenantWithItsNamespace() {
        tenant = SandboxClusterResource.newTenantWithNamespace();
    }

    @Test
    void aRunningPreInstallHookHoldsNoSlotAndHelmsOrderHolds() throws Exception {
        SourceDouble.publish(tenant, "slow", "0.1.0", ChartFiles.scaffold("slow", "0.1.0", "1.0.0", Map.of(
                "templates/migrate.yaml", hookJob("migrate", "pre-install", true, "busybox:1"),
                "templates/smoke.yaml", hookJob("smoke", "post-install", false, "busybox:1"))));
        SourceDouble.publish(tenant, "quick", "0.1.0", ChartFiles.scaffold("quick", "0.1.0", "1.0.0", Map.of()));
        create("slow");

        JsonPath waiting = await(tenant, "slow", r -> ready(r, "message").startsWith("install: pre-install"));
        assertThat(ready(waiting, "message")).isEqualTo("install: pre-install hook Job " + tenant
                + "/slow-migrate running");
        assertThat(ready(waiting, "reason")).isEqualTo("Progressing");
        assertThat(waiting.getString("status.phase")).as("the install is under way").isEqualTo("Pending");
        assertThat(history(tenant, "slow")).containsExactly("1 install pending-install");

        create("quick");
        JsonPath quick = await(tenant, "quick", r -> "Deployed".equals(r.getString("status.phase")));
        assertThat(ready(quick, "reason")).isEqualTo("InstallSucceeded");

        JsonPath still = view("slow");
        assertThat(ready(still, "message")).as("the slow release still waits for its hook, without the only slot")
                .isEqualTo("install: pre-install hook Job " + tenant + "/slow-migrate running");
        assertThat(kube().apps().deployments().inNamespace(tenant).withName("slow").get())
                .as("the manifest waits for the pre hooks").isNull();
        assertThat(job("slow-smoke")).as("post hooks wait for the manifest").isNull();

        Job migrate = job("slow-migrate");
        migrate.getSpec().setSuspend(false);
        kube().batch().v1().jobs().inNamespace(tenant).resource(migrate).update();

        JsonPath deployed = await(tenant, "slow", r -> "Deployed".equals(r.getString("status.phase")));
        assertThat(ready(deployed, "reason")).isEqualTo("InstallSucceeded");
        assertThat(history(tenant, "slow")).containsExactly("1 install deployed");
        assertThat(deployed.getList("status.inventory.health", String.class)).isNotEmpty().containsOnly("Ready");
        assertThat(job("slow-smoke").getStatus().getConditions()).as("the post-install hook ran to completion")
                .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Complete=True"));
        assertThat(job("slow-smoke").getMetadata().getCreationTimestamp())
                .as("post hooks run once the objects are ready")
                .isGreaterThanOrEqualTo(kube().apps().deployments().inNamespace(tenant).withName("slow").get()
                        .getMetadata().getCreationTimestamp());
    }

    @Test
    void aFailingPreUpgradeHookFailsTheUpgradeNamingItAndTheReleaseIsRolledBack() throws Exception {
        String chart = hookJob("migrate", "pre-upgrade", false, "{{ .Values.migrateImage | default \"busybox:1\" }}");
        SourceDouble.publish(tenant, "mig", "0.1.0", ChartFiles.scaffold("mig", "0.1.0", "1.0.0",
                Map.of("templates/migrate.yaml", chart)));
        create("mig");
        await(tenant, "mig", r -> "Deployed".equals(r.getString("status.phase")));

        given().contentType("application/merge-patch+json")
                .body(Map.of("values", Map.of("migrateImage", "busybox:broken")))
                .patch(ReleaseApi.base(tenant) + "/mig").then().statusCode(200);
        JsonPath remediated = await(tenant, "mig", r -> r.getInt("status.currentRevision") == 3);

        assertThat(ready(remediated, "reason")).isEqualTo("UpgradeFailed");
        assertThat(ready(remediated, "message")).startsWith("upgrade to revision 2 failed: pre-upgrade hook Job "
                + tenant + "/mig-migrate failed: the Job failed: BackoffLimitExceeded");
        assertThat(remediated.getString("status.phase")).isEqualTo("Failed");
        assertThat(remediated.getList("status.conditions.findAll { it.type == 'Remediated' }.reason", String.class))
                .containsExactly("RollbackSucceeded");
        assertThat(history(tenant, "mig")).containsExactly("3 rollback deployed", "2 upgrade failed",
                "1 install superseded");
    }

    @Test
    void aRunningPreDeleteHookHoldsNoSlotAndTheObjectsGoOnlyAfterIt() throws Exception {
        SourceDouble.publish(tenant, "goner", "0.1.0", ChartFiles.scaffold("goner", "0.1.0", "1.0.0", Map.of(
                "templates/backup.yaml", hookJob("backup", "pre-delete", true, "busybox:1"),
                "templates/farewell.yaml", hookJob("farewell", "post-delete", false, "busybox:1"))));
        SourceDouble.publish(tenant, "later", "0.1.0", ChartFiles.scaffold("later", "0.1.0", "1.0.0", Map.of()));
        create("goner");
        await(tenant, "goner", r -> "Deployed".equals(r.getString("status.phase")));

        given().delete(ReleaseApi.base(tenant) + "/goner").then().statusCode(202);
        JsonPath waiting = await(tenant, "goner", r -> ready(r, "message").startsWith("uninstall: pre-delete"));
        assertThat(ready(waiting, "message")).isEqualTo("uninstall: pre-delete hook Job " + tenant
                + "/goner-backup running");
        assertThat(waiting.getString("status.phase")).isEqualTo("Uninstalling");
        assertThat(kube().apps().deployments().inNamespace(tenant).withName("goner").get())
                .as("the objects wait for the pre-delete hook").isNotNull();

        create("later");
        JsonPath later = await(tenant, "later", r -> "Deployed".equals(r.getString("status.phase")));
        assertThat(ready(later, "reason")).as("another release deploys while the hook runs, with the only slot")
                .isEqualTo("InstallSucceeded");
        assertThat(ready(view("goner"), "message")).isEqualTo("uninstall: pre-delete hook Job " + tenant
                + "/goner-backup running");
        assertThat(job("goner-farewell")).as("post-delete hooks wait for the objects' deletion").isNull();

        Job backup = job("goner-backup");
        backup.getSpec().setSuspend(false);
        kube().batch().v1().jobs().inNamespace(tenant).resource(backup).update();

        awaitGone(tenant, "goner");
        assertThat(kube().apps().deployments().inNamespace(tenant).withName("goner").get()).isNull();
        assertThat(job("goner-farewell")).as("the post-delete hook ran").isNotNull();
        assertThat(kube().apps().deployments().inNamespace(tenant).withName("later").get())
                .as("the other release is left alone").isNotNull();
    }

    private void create(String name) {
        ReleaseApi.json().body(Map.of("name", name, "sourceType", "OCIRepository", "sourceName", name,
                "timeout", "60s")).post(ReleaseApi.base(tenant)).then().statusCode(201);
    }

    private JsonPath view(String name) {
        return given().get(ReleaseApi.base(tenant) + "/" + name).then().statusCode(200).extract().jsonPath();
    }

    private Job job(String name) {
        return kube().batch().v1().jobs().inNamespace(tenant).withName(name).get();
    }

    private static String ready(JsonPath view, String field) {
        List<String> values = view.getList("status.conditions.findAll { it.type == 'Ready' }." + field, String.class);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static KubernetesClient kube() {
        return SandboxClusterResource.cluster().client();
    }
}
