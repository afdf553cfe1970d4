package io.helmdeck.release.reconcile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import io.helmdeck.model.ChartMetadata;
import io.helmdeck.model.Condition;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.kube.HelmCliRecords;
import io.helmdeck.release.kube.HelmStatus;
import io.helmdeck.release.support.ChartFiles;
import io.helmdeck.release.support.ReleaseApi;
import io.helmdeck.release.support.ReleaseRows;
import io.helmdeck.support.testing.Db;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * Crash and restart against the sandbox cluster (issue 10, item 6; ADR 0024): leases a dead earlier life of this
 * replica left are taken on the first claim, not after they expire, while another replica's are left alone; and a
 * release whose Helm record the {@code helm} CLI left {@code pending-upgrade} is unlocked and upgraded, as the API
 * and Helm's own {@code history}/{@code list} show.
 */
@QuarkusTest
@WithTestResource(value = SourceDouble.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = CrashSandbox.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CrashRecoveryClusterTest {

    @Test
    void leasesLeftByThisReplicasEarlierLifeAreTakenAtOnceAndAnotherReplicasAreNot() throws Exception {
        String tenant = ReleaseApi.newTenant();
        for (String name : List.of("phoenix", "bystander")) {
            SourceDouble.publish(tenant, name, "0.1.0", ChartFiles.scaffold(name, "0.1.0", "1.0.0", Map.of()));
            create(tenant, name);
            ReconcilerClusterTest.await(tenant, name, r -> "Deployed".equals(r.getString("status.phase")));
            SourceDouble.publish(tenant, name, "0.2.0", ChartFiles.scaffold(name, "0.2.0", "2.0.0", Map.of()));
        }
        long phoenix = ReleaseRows.releaseId(tenant, "phoenix");
        long bystander = ReleaseRows.releaseId(tenant, "bystander");

        // What kill -9 leaves behind: leases with most of their time to run, one held by this replica's previous
        // process (same replica id, another incarnation), one by a live replica elsewhere; both releases due now.
        leave(phoenix, CrashSandbox.REPLICA + "/dead0001");
        leave(bystander, "replica-b/alive001");

        JsonPath resumed = ReconcilerClusterTest.await(tenant, "phoenix",
                r -> r.getInt("status.currentRevision") == 2);
        assertThat(resumed.getString("status.phase")).isEqualTo("Deployed");
        assertThat(ReconcilerClusterTest.history(tenant, "phoenix")).containsExactly("2 upgrade deployed",
                "1 install superseded");

        assertThat(ReleaseApi.get(tenant, "bystander").jsonPath().getInt("status.currentRevision"))
                .as("a live replica's lease is not taken before it expires").isEqualTo(1);
        assertThat(Db.column("select lease_holder from helm_release_status where release_id = ?", bystander))
                .containsExactly("replica-b/alive001");
    }

    @Test
    void aReleaseTheHelmCliLeftPendingIsUnlockedAndUpgradedAndHelmSeesIt() throws Exception {
        String tenant = ReleaseApi.newTenant();
        SourceDouble.publish(tenant, "locked", "0.1.0", ChartFiles.scaffold("locked", "0.1.0", "1.0.0", Map.of()));
        create(tenant, "locked");
        ReconcilerClusterTest.await(tenant, "locked", r -> "Deployed".equals(r.getString("status.phase")));

        // Someone ran `helm upgrade locked` by hand and killed it: Helm's storage holds revision 2 pending-upgrade,
        // and Helm itself now refuses every action on the release ("another operation is in progress").
        HelmCliRecords.write(CrashSandbox.cluster().client(), tenant, "locked", 2, HelmStatus.PENDING_UPGRADE,
                new ChartMetadata("locked", "0.1.0", "1.0.0", null, null, null, "application", null),
                Map.of("replicaCount", 3));
        assertThat(helmHistory(tenant)).contains(tuple(2, "pending-upgrade"));
        SourceDouble.publish(tenant, "locked", "0.2.0", ChartFiles.scaffold("locked", "0.2.0", "2.0.0", Map.of()));
        given().post(ReleaseApi.base(tenant) + "/locked/reconcile").then().statusCode(202);

        JsonPath view = ReconcilerClusterTest.await(tenant, "locked", r -> r.getInt("status.currentRevision") == 3);
        assertThat(view.getString("status.phase")).isEqualTo("Deployed");
        Map<String, String> recovered = view.getMap("status.conditions.find { it.type == '" + Condition.RECOVERED
                + "' }");
        assertThat(recovered).containsEntry("reason", Reasons.PENDING_RELEASE_UNLOCKED);
        assertThat(recovered.get("message")).contains("revision 2").contains("pending-upgrade");
        assertThat(ReconcilerClusterTest.history(tenant, "locked")).containsExactly("3 upgrade deployed",
                "2 upgrade failed", "1 install superseded");
        assertThat(given().get(ReleaseApi.base(tenant) + "/locked/history").jsonPath()
                .getString("items[1].description")).contains("unlocked from stale pending-upgrade state");

        // Helm's own code agrees: revision 2 failed with the reason, revision 3 deployed and listed.
        List<ReleaseHistory> history = Helm.history("locked").withKubeConfig(CrashSandbox.kubeconfig())
                .withNamespace(tenant).call();
        assertThat(history).extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus)
                .containsExactlyInAnyOrder(tuple(1, "superseded"), tuple(2, "failed"), tuple(3, "deployed"));
        assertThat(history).filteredOn(h -> h.getRevision() == 2).extracting(ReleaseHistory::getDescription)
                .singleElement().asString().contains("unlocked from stale pending-upgrade state");
        List<Release> listed = Helm.list().withKubeConfig(CrashSandbox.kubeconfig()).withNamespace(tenant).call();
        assertThat(listed).extracting(Release::getName, Release::getRevision, Release::getStatus)
                .containsExactly(tuple("locked", "3", "deployed"));
    }

    private static List<org.assertj.core.groups.Tuple> helmHistory(String tenant) {
        return Helm.history("locked").withKubeConfig(CrashSandbox.kubeconfig()).withNamespace(tenant).call()
                .stream().map(h -> tuple(h.getRevision(), h.getStatus())).toList();
    }

    private static void leave(long releaseId, String holder) {
        Db.execute("update helm_release_status set lease_holder = ?, lease_expires_at = now() + interval '10 minutes',"
                + " next_reconcile_at = now() where release_id = ?", holder, releaseId);
    }

    private static void create(String tenant, String name) {
        ReleaseApi.json().body("{\"name\":\"" + name + "\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"" + name
                + "\",\"install\":{\"createNamespace\":true}}").post(ReleaseApi.base(tenant)).then().statusCode(201);
    }
}
