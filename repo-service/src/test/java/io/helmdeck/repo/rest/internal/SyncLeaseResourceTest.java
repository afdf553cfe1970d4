package io.helmdeck.repo.rest.internal;

import static io.helmdeck.repo.support.RepoApi.base;
import static io.helmdeck.repo.support.RepoApi.createMinimal;
import static io.helmdeck.repo.support.RepoApi.get;
import static io.helmdeck.repo.support.RepoApi.json;
import static io.helmdeck.repo.support.RepoApi.newTenant;
import static io.helmdeck.repo.support.Workers.artifactJson;
import static io.helmdeck.repo.support.Workers.claim;
import static io.helmdeck.repo.support.Workers.claimAll;
import static io.helmdeck.repo.support.Workers.drainEverythingDue;
import static io.helmdeck.repo.support.Workers.report;
import static io.helmdeck.repo.support.Workers.reportBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.repo.support.ClaimRace;
import io.helmdeck.repo.support.RepositoryRows;
import io.helmdeck.repo.support.Workers;
import io.helmdeck.support.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;


/** Leases, reports and the status, schedule and history they produce, as PRODUCT.md §2-§3 describe. */
@QuarkusTest
class SyncLeaseResourceTest {

    private static final String LAYER = "sha256:" + "1".repeat(64);
    private String tenant;

    @BeforeEach
    void nothingDue() {
        drainEverythingDue();
        tenant = newTenant();
    }

    private long leaseOne(String name, String worker) {
        createMinimal(tenant, name);
        List<Long> ids = claimAll(worker, tenant, 10, 60);
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    @Test
    void claimHandsOutDueRepositoriesWithTheirSpecAndDecryptedCredentials() {
        json().body("{\"name\":\"private\",\"url\":\"oci://r.example.com/charts/private\",\"interval\":\"02:00\","
                + "\"ref\":{\"semver\":\">=1.0.0\"},\"auth\":{\"type\":\"basic\",\"username\":\"robot\","
                + "\"password\":\"s3cret\"}}").post(base(tenant)).then().statusCode(201);
        JsonPath claimed = claim("w1", 10, 60);
        assertThat(claimed.getList("tasks")).hasSize(1);
        assertThat(claimed.getString("tasks[0].name")).isEqualTo("private");
        assertThat(claimed.getString("tasks[0].url")).isEqualTo("oci://r.example.com/charts/private");
        assertThat(claimed.getInt("tasks[0].intervalSeconds")).isEqualTo(120);
        assertThat(claimed.getString("tasks[0].ref.semver")).isEqualTo(">=1.0.0");
        assertThat(claimed.getString("tasks[0].credentials.type")).isEqualTo("basic");
        assertThat(claimed.getString("tasks[0].credentials.username")).isEqualTo("robot");
        assertThat(claimed.getString("tasks[0].credentials.secret")).isEqualTo("s3cret");
        assertThat(claimed.getString("tasks[0].lastRevision")).isNull();
        // Leased: nobody else gets it, not even the same worker, until the lease ends or is released.
        assertThat(claim("w2", 10, 60).getList("tasks")).isEmpty();
        assertThat(claim("w1", 10, 60).getList("tasks")).isEmpty();
    }

    @Test
    void suspendedRepositoriesAreNotClaimed() {
        json().body("{\"name\":\"paused\",\"url\":\"oci://r.example.com/p\",\"suspend\":true}").post(base(tenant))
                .then().statusCode(201);
        assertThat(claimAll("w1", tenant, 10, 60)).isEmpty();
    }

    @Test
    void twoWorkersRacingNeverGetTheSameRepository() {
        ClaimRace.assertNeverShared(tenant, worker -> () -> Workers.tasksOf(claim(worker, 3, 60), tenant));
    }

    @Test
    void anExpiredLeaseIsTakenByAnotherWorker() throws InterruptedException {
        createMinimal(tenant, "orphan");
        assertThat(claimAll("dies", tenant, 10, 1)).hasSize(1);
        assertThat(claimAll("survivor", tenant, 10, 60)).isEmpty();
        Thread.sleep(1300);
        assertThat(claimAll("survivor", tenant, 10, 60)).hasSize(1);
    }

    @Test
    void updatedReportMakesTheRepositoryReadyWithItsArtifact() {
        long id = leaseOne("podinfo", "w1");
        String manifest = "a".repeat(64);
        Instant before = Instant.now();
        report(id, reportBody("w1", 0, "Updated", artifactJson("6.5.0", manifest, LAYER), null, null, null))
                .then().statusCode(204);

        JsonPath repo = get(tenant, "podinfo").then().statusCode(200).extract().jsonPath();
        assertThat(repo.getString("status.phase")).isEqualTo("Ready");
        assertThat(repo.getString("status.conditions[0].status")).isEqualTo("True");
        assertThat(repo.getString("status.conditions[0].reason")).isEqualTo("Succeeded");
        assertThat(repo.getString("status.artifact.revision")).isEqualTo("6.5.0@sha256:" + manifest);
        assertThat(repo.getString("status.artifact.digest")).isEqualTo(LAYER);
        assertThat(repo.getString("status.artifact.chart.name")).isEqualTo("podinfo");
        assertThat(repo.getString("status.artifact.chart.appVersion")).isEqualTo("6.5.0");
        assertThat(repo.getString("status.artifact.chart.dependencies[0].repository")).isEqualTo("oci://r/c");
        assertThat(repo.getLong("status.observedVersion")).isEqualTo(0L);
        assertThat(repo.getString("status.lastSuccessAt")).isNotNull();
        long untilNext = Duration.between(before, Instant.parse(repo.getString("status.nextSyncAt"))).toSeconds();
        assertThat(untilNext).isBetween(284L, 316L); // 05:00 ± 5 %

        given().get(base(tenant) + "/podinfo/history").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].outcome", equalTo("Updated"))
                .body("items[0].revision", equalTo("6.5.0@sha256:" + manifest))
                .body("items[0].durationMillis", equalTo(42));
        // The lease is released; the next claim hands out the stored revision for the one-HEAD comparison.
        assertThat(Db.column("select lease_owner from oci_repository_status where repository_id = ?", id))
                .containsOnlyNulls();
    }

    @Test
    void unchangedReportMovesOnlyTheSchedule() {
        long id = leaseOne("steady", "w1");
        report(id, reportBody("w1", 0, "Updated", artifactJson("1.0.0", "b".repeat(64), LAYER), null, null, null))
                .then().statusCode(204);
        forceDue(id);
        assertThat(claimAll("w1", tenant, 10, 60)).containsExactly(id);
        String before = statusWithoutSchedule(id);

        report(id, reportBody("w1", 0, "Unchanged", null, null, null, null)).then().statusCode(204);

        assertThat(statusWithoutSchedule(id)).isEqualTo(before);
        given().get(base(tenant) + "/steady/history").then().body("items.size()", equalTo(1));
    }

    @Test
    void failedReportKeepsTheLastArtifactAndBacksOff() {
        long id = leaseOne("flaky", "w1");
        report(id, reportBody("w1", 0, "Updated", artifactJson("1.0.0", "c".repeat(64), LAYER), null, null, null))
                .then().statusCode(204);

        List<Long> backoffs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            forceDue(id);
            claimAll("w1", tenant, 10, 60);
            Instant at = Instant.now();
            report(id, reportBody("w1", 0, "Failed", null, "AuthenticationFailed",
                    "401 Unauthorized from r.example.com", null)).then().statusCode(204);
            JsonPath repo = get(tenant, "flaky").jsonPath();
            backoffs.add(Duration.between(at, Instant.parse(repo.getString("status.nextSyncAt"))).toSeconds());
            assertThat(repo.getString("status.phase")).isEqualTo("Failed");
            assertThat(repo.getString("status.conditions[0].status")).isEqualTo("False");
            assertThat(repo.getString("status.conditions[0].reason")).isEqualTo("AuthenticationFailed");
            assertThat(repo.getInt("status.consecutiveFailures")).isEqualTo(i + 1);
            assertThat(repo.getString("status.artifact.revision")).isEqualTo("1.0.0@sha256:" + "c".repeat(64));
        }
        assertThat(backoffs.get(0)).isCloseTo(5L, within(1L));
        assertThat(backoffs.get(1)).isCloseTo(10L, within(1L));
        assertThat(backoffs.get(2)).isCloseTo(20L, within(1L));

        // Recovery with the same digest is recorded and resets the failure count.
        forceDue(id);
        claimAll("w1", tenant, 10, 60);
        report(id, reportBody("w1", 0, "Unchanged", null, null, null, null)).then().statusCode(204);
        get(tenant, "flaky").then().body("status.phase", equalTo("Ready")).body("status.consecutiveFailures", equalTo(0));
        given().get(base(tenant) + "/flaky/history").then()
                .body("items.outcome", equalTo(List.of("Unchanged", "Failed", "Failed", "Failed", "Updated")));
    }

    @Test
    void retryAfterIsHonouredAndBackoffIsCappedAtTheInterval() {
        json().body("{\"name\":\"limited\",\"url\":\"oci://r.example.com/l\",\"interval\":\"00:10\"}")
                .post(base(tenant)).then().statusCode(201);
        long id = claimAll("w1", tenant, 10, 60).get(0);
        Instant at = Instant.now();
        report(id, reportBody("w1", 0, "Failed", null, "RateLimited", "429", 120L)).then().statusCode(204);
        assertThat(Duration.between(at, nextSyncAt("limited")).toSeconds()).isCloseTo(120L, within(1L));

        for (int i = 0; i < 4; i++) {
            forceDue(id);
            claimAll("w1", tenant, 10, 60);
            at = Instant.now();
            report(id, reportBody("w1", 0, "Failed", null, "Unreachable", "connection refused", null))
                    .then().statusCode(204);
        }
        assertThat(Duration.between(at, nextSyncAt("limited")).toSeconds()).isCloseTo(10L, within(1L));
    }

    @Test
    void aSpecChangedDuringTheSyncIsSyncedAgainAtOnce() {
        long id = leaseOne("moving", "w1");
        given().contentType("application/merge-patch+json").body("{\"ref\":{\"tag\":\"2.0.0\"}}")
                .patch(base(tenant) + "/moving").then().statusCode(200);
        report(id, reportBody("w1", 0, "Updated", artifactJson("latest", "d".repeat(64), LAYER), null, null, null))
                .then().statusCode(204);
        assertThat(nextSyncAt("moving")).isBeforeOrEqualTo(Instant.now());
        assertThat(claimAll("w1", tenant, 10, 60)).containsExactly(id);
    }

    @Test
    void onlyTheLeaseHolderMayRenewOrReport() {
        long id = leaseOne("owned", "holder");
        json().body("{\"worker\":\"holder\",\"leaseSeconds\":120}").post("/internal/v1/sync/leases/" + id + "/renew")
                .then().statusCode(200);
        json().body("{\"worker\":\"intruder\",\"leaseSeconds\":120}").post("/internal/v1/sync/leases/" + id + "/renew")
                .then().statusCode(409).contentType("application/problem+json");
        String before = RepositoryRows.dumpTenant(tenant);
        report(id, reportBody("intruder", 0, "Updated", artifactJson("1.0.0", "e".repeat(64), LAYER), null, null, null))
                .then().statusCode(409);
        assertThat(RepositoryRows.dumpTenant(tenant)).isEqualTo(before);
    }

    @Test
    void reportForADeletedRepositoryIs404() {
        long id = leaseOne("vanishing", "w1");
        given().delete(base(tenant) + "/vanishing").then().statusCode(204);
        report(id, reportBody("w1", 0, "Unchanged", null, null, null, null)).then().statusCode(404);
    }

    @Test
    void badClaimsAndReportsAre400() {
        json().body("{\"worker\":\"\",\"max\":1,\"leaseSeconds\":60}").post("/internal/v1/sync/claims")
                .then().statusCode(400);
        json().body("{\"worker\":\"w\",\"max\":0,\"leaseSeconds\":60}").post("/internal/v1/sync/claims")
                .then().statusCode(400);
        json().body("{\"worker\":\"w\",\"max\":1,\"leaseSeconds\":0}").post("/internal/v1/sync/claims")
                .then().statusCode(400);
        long id = leaseOne("strict", "w1");
        report(id, reportBody("w1", 0, "Updated", null, null, null, null)).then().statusCode(400);
    }

    @Test
    void internalRequestsFromANewerWorkerWithUnknownFieldsAreAccepted() {
        json().body("{\"worker\":\"w-next\",\"max\":1,\"leaseSeconds\":60,\"fieldFromTheFuture\":true}")
                .post("/internal/v1/sync/claims").then().statusCode(200);
    }

    @Test
    void internalApiIsNotInThePublicOpenApiDocument() {
        String doc = given().queryParam("format", "json").get("/q/openapi").asString();
        assertThat(doc).doesNotContain("/internal/").contains("/api/v1/artifacts/{digest}");
    }

    @Test
    void claimsSpreadAcrossRegistriesAndSkipExcludedOnes() {
        IntStream.range(0, 6).forEach(i -> json().body("{\"name\":\"a-" + i + "\",\"url\":\"oci://a.example.com/c/a" + i
                + "\"}").post(base(tenant)).then().statusCode(201));
        IntStream.range(0, 3).forEach(i -> json().body("{\"name\":\"b-" + i + "\",\"url\":\"oci://b.example.com:5000/c/b"
                + i + "\"}").post(base(tenant)).then().statusCode(201));

        JsonPath first = json().body("{\"worker\":\"w1\",\"max\":10,\"leaseSeconds\":60,\"maxPerRegistry\":2}")
                .post("/internal/v1/sync/claims").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("tasks.url", String.class))
                .filteredOn(u -> u.startsWith("oci://a.example.com/")).hasSize(2);
        assertThat(first.getList("tasks.url", String.class))
                .filteredOn(u -> u.startsWith("oci://b.example.com:5000/")).hasSize(2);

        JsonPath second = json().body("{\"worker\":\"w1\",\"max\":10,\"leaseSeconds\":60,"
                + "\"excludeRegistries\":[\"a.example.com\"]}")
                .post("/internal/v1/sync/claims").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("tasks.name", String.class)).containsExactly("b-2");
    }

    @Test
    void aReleasedLeaseIsClaimableAtOnce() {
        long id = leaseOne("handed-back", "busy");
        json().body("{\"worker\":\"other\",\"leaseSeconds\":60}").post("/internal/v1/sync/leases/" + id + "/release")
                .then().statusCode(409);
        json().body("{\"worker\":\"busy\",\"leaseSeconds\":60}").post("/internal/v1/sync/leases/" + id + "/release")
                .then().statusCode(204);
        assertThat(claimAll("idle", tenant, 10, 60)).containsExactly(id);
    }

    /** 20 rounds of at most 3: room for all 40, and both workers claim in round one, when 40 are due. */
    private static void forceDue(long id) {
        Db.execute("update oci_repository_status set next_sync_at = now() - interval '1 second' where repository_id = ?", id);
    }

    private Instant nextSyncAt(String name) {
        return Instant.parse(get(tenant, name).jsonPath().getString("status.nextSyncAt"));
    }

    private static String statusWithoutSchedule(long id) {
        return String.join("", Db.column("select row_to_json(x)::text from (select phase, conditions, artifact, "
                + "artifact_digest, artifact_revision, last_success_at, consecutive_failures, observed_version "
                + "from oci_repository_status where repository_id = ?) x", id));
    }

}
