package io.helmdeck.repo.client;

import static io.helmdeck.repo.support.Api.base;
import static io.helmdeck.repo.support.Api.createMinimal;
import static io.helmdeck.repo.support.Api.get;
import static io.helmdeck.repo.support.Api.newTenant;
import static io.helmdeck.repo.support.Workers.artifactJson;
import static io.helmdeck.repo.support.Workers.claimAll;
import static io.helmdeck.repo.support.Workers.drainEverythingDue;
import static io.helmdeck.repo.support.Workers.report;
import static io.helmdeck.repo.support.Workers.reportBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.model.release.SourceEvent;
import io.helmdeck.support.testing.Db;
import io.helmdeck.repo.support.ReleaseServiceDouble;
import io.helmdeck.repo.support.ReleaseServiceDouble.Delivery;
import io.quarkus.test.junit.QuarkusTest;

/** repo-service tells release-service about new revisions and deletions, and never fails because of it. */
@QuarkusTest
class SourceEventsTest {

    private static final String LAYER_1 = "sha256:" + "1".repeat(64);
    private static final String LAYER_2 = "sha256:" + "2".repeat(64);
    private static final String MANIFEST_1 = "a".repeat(64);
    private static final String MANIFEST_2 = "b".repeat(64);

    private String tenant;

    @BeforeEach
    void nothingDue() {
        drainEverythingDue();
        tenant = newTenant();
        ReleaseServiceDouble.DOWN.set(false);
    }

    @AfterEach
    void releaseServiceUp() {
        ReleaseServiceDouble.DOWN.set(false);
    }

    @Test
    void aNewRevisionSendsOneRevisionEventWithTenantNameRevisionAndDigest() {
        long id = leaseOne("podinfo");
        report(id, updated("6.5.0", MANIFEST_1, LAYER_1)).then().statusCode(204);

        List<Delivery> seen = ReleaseServiceDouble.awaitDelivery(tenant, d -> true);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).event()).isEqualTo(new SourceEvent(tenant, "podinfo", SourceEvent.REVISION,
                "6.5.0@sha256:" + MANIFEST_1, LAYER_1));
        assertThat(seen.get(0).contentType()).startsWith("application/json");
        assertThat(ReleaseServiceDouble.CONTRACT_BREACHES).as("bodies outside the source-event contract").isEmpty();
    }

    @Test
    void anUnchangedSyncOrAFailureSendsNothing() {
        long id = leaseOne("podinfo");
        report(id, updated("6.5.0", MANIFEST_1, LAYER_1)).then().statusCode(204);
        ReleaseServiceDouble.awaitDelivery(tenant, d -> true);

        releaseAgain(id);
        report(id, reportBody("w1", 0, "Unchanged", null, null, null, null)).then().statusCode(204);
        releaseAgain(id);
        report(id, reportBody("w1", 0, "Failed", null, "AuthenticationFailed", "401 from registry", null))
                .then().statusCode(204);
        // A worker that re-downloads the same artifact (e.g. after a spec change) reports Updated: no new revision.
        releaseAgain(id);
        report(id, updated("6.5.0", MANIFEST_1, LAYER_1)).then().statusCode(204);
        // Then a real change: its event arrives after anything the reports above might have sent.
        releaseAgain(id);
        report(id, updated("6.5.1", MANIFEST_2, LAYER_2)).then().statusCode(204);

        List<Delivery> seen = ReleaseServiceDouble.awaitDelivery(tenant, d -> LAYER_2.equals(d.event().digest()));
        assertThat(seen).extracting(d -> d.event().revision())
                .containsExactly("6.5.0@sha256:" + MANIFEST_1, "6.5.1@sha256:" + MANIFEST_2);
    }

    @Test
    void deletingARepositorySendsADeletedEvent() {
        createMinimal(tenant, "gone");
        given().delete(base(tenant) + "/gone").then().statusCode(204);

        List<Delivery> seen = ReleaseServiceDouble.awaitDelivery(tenant, d -> true);
        assertThat(seen).extracting(Delivery::event)
                .containsExactly(new SourceEvent(tenant, "gone", SourceEvent.DELETED, null, null));
    }

    @Test
    void aDeleteThatFailsSendsNothing() {
        given().delete(base(tenant) + "/never-existed").then().statusCode(404);
        createMinimal(tenant, "marker");
        given().delete(base(tenant) + "/marker").then().statusCode(204);

        assertThat(ReleaseServiceDouble.awaitDelivery(tenant, d -> true)).extracting(d -> d.event().sourceName())
                .containsExactly("marker");
    }

    @Test
    void reportAndDeleteSucceedWhileReleaseServiceIsDownAndEachEventIsTriedThreeTimes() throws InterruptedException {
        ReleaseServiceDouble.DOWN.set(true);
        long id = leaseOne("podinfo");

        report(id, updated("6.5.0", MANIFEST_1, LAYER_1)).then().statusCode(204);
        assertThat(get(tenant, "podinfo").then().statusCode(200).extract().jsonPath()
                .getString("status.artifact.digest")).isEqualTo(LAYER_1);
        given().delete(base(tenant) + "/podinfo").then().statusCode(204);
        get(tenant, "podinfo").then().statusCode(404);

        ReleaseServiceDouble.awaitDelivery(tenant, d -> ReleaseServiceDouble.deliveries(tenant).size() >= 6);
        // Long enough for a fourth attempt (backoff is 50 ms in tests), which must not come.
        Thread.sleep(500);
        List<Delivery> seen = ReleaseServiceDouble.deliveries(tenant);
        assertThat(seen).filteredOn(d -> SourceEvent.REVISION.equals(d.event().type())).hasSize(3);
        assertThat(seen).filteredOn(d -> SourceEvent.DELETED.equals(d.event().type())).hasSize(3);
        assertThat(seen).noneMatch(Delivery::accepted);
    }

    private long leaseOne(String name) {
        createMinimal(tenant, name);
        List<Long> ids = claimAll("w1", tenant, 10, 60);
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    /** Gives the repository back to worker w1 for another report, as the next interval would. */
    private static void releaseAgain(long id) {
        Db.execute("update oci_repository_status set lease_owner = 'w1', lease_expires_at = now() + interval '1 minute'"
                + " where repository_id = ?", id);
    }

    private static String updated(String tag, String manifest, String layer) {
        return reportBody("w1", 0, "Updated", artifactJson(tag, manifest, layer), null, null, null);
    }
}
