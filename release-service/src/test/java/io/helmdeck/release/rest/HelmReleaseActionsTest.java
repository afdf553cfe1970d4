package io.helmdeck.release.rest;

import static io.helmdeck.release.support.ReleaseApi.base;
import static io.helmdeck.release.support.ReleaseApi.create;
import static io.helmdeck.release.support.ReleaseApi.createMinimal;
import static io.helmdeck.release.support.ReleaseApi.get;
import static io.helmdeck.release.support.ReleaseApi.json;
import static io.helmdeck.release.support.ReleaseApi.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.helmdeck.release.support.ReleaseRows;

/** Reconcile, rollback, history, manifest, values and delete of Helm releases, with rows a reconcile would write. */
@QuarkusTest
class HelmReleaseActionsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    /** A release with revisions 1 superseded, 2 deployed (current, with inventory) and 3 failed. */
    private static long deployedWithHistory(String tenant, String name) {
        createMinimal(tenant, name);
        long id = ReleaseRows.releaseId(tenant, name);
        ReleaseRows.insertRevision(id, 1, "superseded");
        ReleaseRows.insertRevision(id, 2, "deployed");
        ReleaseRows.insertRevision(id, 3, "failed");
        ReleaseRows.markDeployed(id, 2);
        return id;
    }

    private static void scheduleLater(long id) {
        Db.execute("update helm_release_status set next_reconcile_at = now() + interval '1 hour' where release_id = ?", id);
    }

    private static String dueNow(long id) {
        return Db.column("select next_reconcile_at <= now() from helm_release_status where release_id = ?", id).get(0);
    }

    private static String rollbackTo(long id) {
        return Db.column("select rollback_to from helm_release_status where release_id = ?", id).get(0);
    }

    // ---- reconcile -------------------------------------------------------------------------------------------

    @Test
    void reconcileMakesTheReleaseDueNow() {
        String tenant = newTenant();
        createMinimal(tenant, "web");
        long id = ReleaseRows.releaseId(tenant, "web");
        scheduleLater(id);
        given().post(base(tenant) + "/web/reconcile").then().statusCode(202)
                .body("name", equalTo("web"))
                .body("status.phase", equalTo("Pending"));
        assertThat(dueNow(id)).isEqualTo("t");
    }

    @Test
    void reconcileOfASuspendedReleaseIs409AndOfAnUnknownOne404() {
        String tenant = newTenant();
        create(tenant, "{\"name\":\"s\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"x\",\"suspend\":true}")
                .then().statusCode(201);
        long id = ReleaseRows.releaseId(tenant, "s");
        scheduleLater(id);
        given().post(base(tenant) + "/s/reconcile").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("suspended"));
        assertThat(dueNow(id)).isEqualTo("f");
        given().post(base(tenant) + "/nope/reconcile").then().statusCode(404).contentType(PROBLEM);
    }

    // ---- rollback --------------------------------------------------------------------------------------------

    @Test
    void rollbackWithoutARevisionGoesToThePreviousSuccessfulOne() {
        String tenant = newTenant();
        long id = deployedWithHistory(tenant, "web");
        scheduleLater(id);
        json().body("{}").post(base(tenant) + "/web/rollback").then().statusCode(202)
                .body("status.currentRevision", equalTo(2));
        assertThat(rollbackTo(id)).isEqualTo("1");
        assertThat(dueNow(id)).isEqualTo("t");
    }

    @Test
    void rollbackWithoutABodyAlsoGoesToThePreviousSuccessfulOne() {
        String tenant = newTenant();
        long id = deployedWithHistory(tenant, "web");
        given().post(base(tenant) + "/web/rollback").then().statusCode(202);
        assertThat(rollbackTo(id)).isEqualTo("1");
        given().contentType("text/plain").body("2").post(base(tenant) + "/web/rollback").then().statusCode(415)
                .contentType(PROBLEM);
    }

    @Test
    void rollbackToAnExplicitKeptRevision() {
        String tenant = newTenant();
        long id = deployedWithHistory(tenant, "web");
        json().body("{\"revision\":3}").post(base(tenant) + "/web/rollback").then().statusCode(202);
        assertThat(rollbackTo(id)).isEqualTo("3");
    }

    @Test
    void rollbackToTheCurrentOrAnUnkeptRevisionIs422AndRecordsNothing() {
        String tenant = newTenant();
        long id = deployedWithHistory(tenant, "web");
        scheduleLater(id);
        json().body("{\"revision\":2}").post(base(tenant) + "/web/rollback").then().statusCode(422)
                .contentType(PROBLEM)
                .body("violations[0].field", equalTo("revision"))
                .body("violations[0].message", containsString("current revision"));
        json().body("{\"revision\":9}").post(base(tenant) + "/web/rollback").then().statusCode(422)
                .body("violations[0].message", containsString("not in the kept history"));
        json().body("{\"revision\":\"two\"}").post(base(tenant) + "/web/rollback").then().statusCode(400);
        assertThat(rollbackTo(id)).isNull();
        assertThat(dueNow(id)).isEqualTo("f");
    }

    @Test
    void rollbackWithNoPreviousSuccessfulRevisionIs422() {
        String tenant = newTenant();
        createMinimal(tenant, "fresh");
        long id = ReleaseRows.releaseId(tenant, "fresh");
        json().body("{}").post(base(tenant) + "/fresh/rollback").then().statusCode(422)
                .body("violations[0].message", containsString("no previous successful revision"));
        ReleaseRows.insertRevision(id, 1, "deployed");
        ReleaseRows.markDeployed(id, 1);
        json().body("{}").post(base(tenant) + "/fresh/rollback").then().statusCode(422);
        assertThat(rollbackTo(id)).isNull();
    }

    @Test
    void rollbackOfASuspendedReleaseIs409() {
        String tenant = newTenant();
        long id = deployedWithHistory(tenant, "web");
        given().contentType(MERGE_PATCH).body("{\"suspend\":true}").patch(base(tenant) + "/web").then().statusCode(200);
        json().body("{}").post(base(tenant) + "/web/rollback").then().statusCode(409).contentType(PROBLEM);
        assertThat(rollbackTo(id)).isNull();
    }

    // ---- history, manifest, values ---------------------------------------------------------------------------

    @Test
    void historyListsKeptRevisionsNewestFirst() {
        String tenant = newTenant();
        deployedWithHistory(tenant, "web");
        given().get(base(tenant) + "/web/history").then().statusCode(200)
                .body("items.revision", contains(3, 2, 1))
                .body("items.status", contains("failed", "deployed", "superseded"))
                .body("items[1].chartName", equalTo("podinfo"))
                .body("items[1].chartVersion", equalTo("6.5.2"))
                .body("items[1].sourceRevision", equalTo("6.5.2@sha256:abc"))
                .body("items[1].sourceDigest", equalTo("sha256:abc"))
                .body("items[1].valuesDigest", equalTo("sha256:def"))
                .body("items[1].action", equalTo("upgrade"))
                .body("items[2].action", equalTo("install"))
                .body("items[1].startedAt", startsWith("20"))
                .body("items[1].finishedAt", startsWith("20"));
        createMinimal(tenant, "empty");
        given().get(base(tenant) + "/empty/history").then().statusCode(200).body("items.size()", equalTo(0));
        given().get(base(tenant) + "/nope/history").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void manifestIsYamlOfTheCurrentOrTheGivenRevision() {
        String tenant = newTenant();
        deployedWithHistory(tenant, "web");
        given().get(base(tenant) + "/web/manifest").then().statusCode(200)
                .contentType(startsWith("application/yaml"))
                .body(containsString("# manifest-2"));
        given().queryParam("revision", 1).get(base(tenant) + "/web/manifest").then().statusCode(200)
                .body(containsString("# manifest-1"));
    }

    /** Generated clients read a String answer as text only when it is text/plain; they get the same YAML text. */
    @Test
    void manifestComesAsPlainTextToAClientThatAsksForIt() {
        String tenant = newTenant();
        deployedWithHistory(tenant, "web");
        given().accept("text/plain, application/yaml, application/problem+json").get(base(tenant) + "/web/manifest")
                .then().statusCode(200).contentType(startsWith("text/plain")).body(containsString("# manifest-2"));
        given().accept("application/yaml, application/problem+json").get(base(tenant) + "/web/manifest")
                .then().statusCode(200).contentType(startsWith("application/yaml"));
        given().accept("application/yaml, text/plain").get(base(tenant) + "/web/manifest")
                .then().statusCode(200).contentType(startsWith("application/yaml"));
        given().accept("application/yaml;q=0.5, text/plain").get(base(tenant) + "/web/manifest")
                .then().statusCode(200).contentType(startsWith("text/plain"));
        given().accept("text/plain").queryParam("revision", 7).get(base(tenant) + "/web/manifest")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void manifestOfAnUnkeptRevisionOrOfANeverDeployedReleaseIs404() {
        String tenant = newTenant();
        deployedWithHistory(tenant, "web");
        given().queryParam("revision", 7).get(base(tenant) + "/web/manifest").then().statusCode(404)
                .contentType(PROBLEM)
                .body("detail", containsString("revision 7"));
        given().queryParam("revision", "x").get(base(tenant) + "/web/manifest").then().statusCode(400)
                .contentType(PROBLEM);
        given().queryParam("revision", 0).get(base(tenant) + "/web/manifest").then().statusCode(400);
        createMinimal(tenant, "fresh");
        given().get(base(tenant) + "/fresh/manifest").then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("nothing is deployed"));
        given().get(base(tenant) + "/fresh/values").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void valuesOfARevisionAreReturnedAsStored() {
        String tenant = newTenant();
        deployedWithHistory(tenant, "web");
        Response current = given().accept("application/json").get(base(tenant) + "/web/values");
        current.then().statusCode(200).contentType(startsWith("application/json")).body("rev", equalTo(2));
        assertThat(current.asString().replace(" ", "")).isEqualTo("{\"rev\":2,\"b\":1,\"a\":2}");
        given().queryParam("revision", 3).get(base(tenant) + "/web/values").then().statusCode(200)
                .body("rev", equalTo(3));
        given().queryParam("revision", 4).get(base(tenant) + "/web/values").then().statusCode(404);
    }

    // ---- delete ----------------------------------------------------------------------------------------------

    @Test
    void deleteOfANeverAppliedReleaseRemovesItAtOnce() {
        String tenant = newTenant();
        createMinimal(tenant, "fresh");
        given().delete(base(tenant) + "/fresh").then().statusCode(204);
        get(tenant, "fresh").then().statusCode(404);
        assertThat(Db.column("select count(*) from helm_release where tenant = ?", tenant)).containsExactly("0");
        assertThat(Db.column("select count(*) from helm_release_status s where not exists"
                + " (select 1 from helm_release r where r.id = s.release_id)")).containsExactly("0");
        given().delete(base(tenant) + "/fresh").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void deleteOfADeployedReleaseRequestsAnUninstall() {
        String tenant = newTenant();
        long id = deployedWithHistory(tenant, "web");
        scheduleLater(id);
        given().delete(base(tenant) + "/web").then().statusCode(202)
                .body("status.phase", equalTo("Uninstalling"))
                .body("status.inventory[0].kind", equalTo("ConfigMap"));
        assertThat(Db.column("select deletion_requested_at is not null from helm_release where id = ?", id))
                .containsExactly("t");
        assertThat(Db.column("select phase from helm_release_status where release_id = ?", id))
                .containsExactly("Uninstalling");
        assertThat(dueNow(id)).isEqualTo("t");
        get(tenant, "web").then().statusCode(200).body("status.phase", equalTo("Uninstalling"));
        given().queryParam("phase", "Uninstalling").get(base(tenant)).then().body("items.name", contains("web"));

        String requestedAt = Db.column("select deletion_requested_at from helm_release where id = ?", id).get(0);
        given().delete(base(tenant) + "/web").then().statusCode(202).body("status.phase", equalTo("Uninstalling"));
        assertThat(Db.column("select deletion_requested_at from helm_release where id = ?", id))
                .containsExactly(requestedAt);
        json().body("{}").post(base(tenant) + "/web/rollback").then().statusCode(409)
                .body("detail", containsString("uninstalled"));
        given().post(base(tenant) + "/web/reconcile").then().statusCode(202);
    }

    @Test
    void deleteWhileAReconcileHoldsTheLeaseWaitsForTheReconciler() {
        String tenant = newTenant();
        createMinimal(tenant, "busy");
        long id = ReleaseRows.releaseId(tenant, "busy");
        Db.execute("update helm_release_status set lease_holder = 'reconciler-1',"
                + " lease_expires_at = now() + interval '1 minute' where release_id = ?", id);
        given().delete(base(tenant) + "/busy").then().statusCode(202).body("status.phase", equalTo("Uninstalling"));
        assertThat(Db.column("select count(*) from helm_release where id = ?", id)).containsExactly("1");
    }

    @Test
    void deleteOfASuspendedReleaseRemovesTheRecordAndItsHistoryAtOnce() {
        String tenant = newTenant();
        long id = deployedWithHistory(tenant, "kept");
        given().contentType(MERGE_PATCH).body("{\"suspend\":true}").patch(base(tenant) + "/kept").then().statusCode(200)
                .body("status.phase", equalTo("Suspended"));
        given().delete(base(tenant) + "/kept").then().statusCode(204);
        assertThat(Db.column("select count(*) from helm_release_revision where release_id = ?", id))
                .containsExactly("0");
        get(tenant, "kept").then().statusCode(404);
    }

    @Test
    void aStuckUninstallCanBeAbandonedBySuspendingAndDeletingAgain() {
        String tenant = newTenant();
        long id = deployedWithHistory(tenant, "stuck");
        given().delete(base(tenant) + "/stuck").then().statusCode(202);
        given().contentType(MERGE_PATCH).body("{\"suspend\":true}").patch(base(tenant) + "/stuck").then().statusCode(200)
                .body("status.phase", equalTo("Uninstalling"));
        given().delete(base(tenant) + "/stuck").then().statusCode(204);
        assertThat(Db.column("select count(*) from helm_release where id = ?", id)).containsExactly("0");
    }
}
