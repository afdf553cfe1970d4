package io.helmdeck.repo.rest;

import static io.helmdeck.repo.support.Api.base;
import static io.helmdeck.repo.support.Api.createMinimal;
import static io.helmdeck.repo.support.Api.get;
import static io.helmdeck.repo.support.Api.json;
import static io.helmdeck.repo.support.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.helmdeck.repo.support.RepositoryRows;

/** PUT, PATCH and optimistic concurrency. */
@QuarkusTest
class OciRepositoryUpdateTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private static String url(String name) {
        return "{\"url\":\"oci://registry.example.com/charts/" + name + "\"";
    }

    @Test
    void putReplacesTheSpecBumpsTheVersionAndMakesItDue() {
        String tenant = newTenant();
        Response created = createMinimal(tenant, "web");
        long v1 = created.jsonPath().getLong("version");

        Response updated = json().body(url("web") + ",\"interval\":\"10:00\",\"ref\":{\"tag\":\"1.2.3\"}}")
                .put(base(tenant) + "/web");
        updated.then().statusCode(200)
                .body("interval", equalTo("10:00"))
                .body("ref.tag", equalTo("1.2.3"))
                .body("version", equalTo((int) v1 + 1))
                .header("ETag", equalTo("\"" + (v1 + 1) + "\""));
        assertThat(updated.jsonPath().getString("updatedAt")).isNotEqualTo(created.jsonPath().getString("updatedAt"));
        assertThat(updated.jsonPath().getString("status.nextSyncAt"))
                .isGreaterThanOrEqualTo(created.jsonPath().getString("status.nextSyncAt"));
        get(tenant, "web").then().body("interval", equalTo("10:00")).body("version", equalTo((int) v1 + 1));
    }

    @Test
    void putOfUnchangedSpecKeepsTheVersion() {
        String tenant = newTenant();
        long v1 = createMinimal(tenant, "same").jsonPath().getLong("version");
        json().body(url("same") + "}").put(base(tenant) + "/same").then().statusCode(200)
                .body("version", equalTo((int) v1));
    }

    @Test
    void whatGetReturnsCanBePutBack() {
        String tenant = newTenant();
        json().body("{\"name\":\"back\",\"url\":\"oci://r.example.com/x\",\"auth\":{\"type\":\"basic\","
                + "\"username\":\"u\",\"password\":\"pw-kept-1\"}}").post(base(tenant)).then().statusCode(201);
        String read = get(tenant, "back").asString();
        json().body(read).put(base(tenant) + "/back").then().statusCode(200)
                .body("auth.secretSet", equalTo(true));
    }

    @Test
    void staleIfMatchIs412AndChangesNothing() {
        String tenant = newTenant();
        Response created = createMinimal(tenant, "guarded");
        String etag = created.header("ETag");
        json().header("If-Match", etag).body(url("guarded") + ",\"interval\":\"02:00\"}")
                .put(base(tenant) + "/guarded").then().statusCode(200);
        String before = RepositoryRows.dumpTenant(tenant);

        json().header("If-Match", etag).body(url("guarded") + ",\"interval\":\"03:00\"}")
                .put(base(tenant) + "/guarded").then().statusCode(412).contentType("application/problem+json");
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"interval\":\"04:00\"}")
                .patch(base(tenant) + "/guarded").then().statusCode(412);
        assertThat(RepositoryRows.dumpTenant(tenant)).isEqualTo(before);
    }

    @Test
    void staleVersionInBodyIs409AndChangesNothing() {
        String tenant = newTenant();
        long v1 = createMinimal(tenant, "versioned").jsonPath().getLong("version");
        json().body(url("versioned") + ",\"interval\":\"02:00\",\"version\":" + v1 + "}")
                .put(base(tenant) + "/versioned").then().statusCode(200);
        String before = RepositoryRows.dumpTenant(tenant);

        json().body(url("versioned") + ",\"interval\":\"03:00\",\"version\":" + v1 + "}")
                .put(base(tenant) + "/versioned").then().statusCode(409).contentType("application/problem+json");
        given().contentType(MERGE_PATCH).body("{\"interval\":\"04:00\",\"version\":" + v1 + "}")
                .patch(base(tenant) + "/versioned").then().statusCode(409);
        assertThat(RepositoryRows.dumpTenant(tenant)).isEqualTo(before);
    }

    @Test
    void currentIfMatchOrVersionApplies() {
        String tenant = newTenant();
        Response created = createMinimal(tenant, "fresh");
        json().header("If-Match", created.header("ETag")).body(url("fresh") + ",\"interval\":\"02:00\"}")
                .put(base(tenant) + "/fresh").then().statusCode(200);
        json().header("If-Match", "*").body(url("fresh") + ",\"interval\":\"03:00\"}")
                .put(base(tenant) + "/fresh").then().statusCode(200).body("interval", equalTo("03:00"));
    }

    @Test
    void nameIsImmutable() {
        String tenant = newTenant();
        createMinimal(tenant, "fixed");
        json().body("{\"name\":\"renamed\",\"url\":\"oci://r.example.com/x\"}").put(base(tenant) + "/fixed")
                .then().statusCode(422).body("violations.field", hasItem("name"));
        given().contentType(MERGE_PATCH).body("{\"name\":\"renamed\"}").patch(base(tenant) + "/fixed")
                .then().statusCode(422);
        get(tenant, "renamed").then().statusCode(404);
    }

    @Test
    void invalidPutChangesNothing() {
        String tenant = newTenant();
        createMinimal(tenant, "strict");
        String before = RepositoryRows.dumpTenant(tenant);
        json().body(url("strict") + ",\"interval\":\"00:01\"}").put(base(tenant) + "/strict")
                .then().statusCode(422).body("violations.field", hasItem("interval"));
        assertThat(RepositoryRows.dumpTenant(tenant)).isEqualTo(before);
    }

    @Test
    void mergePatchChangesOnlyWhatItNamesAndNullRestoresDefaults() {
        String tenant = newTenant();
        json().body("{\"name\":\"patched\",\"url\":\"oci://r.example.com/x\",\"interval\":\"10:00\","
                + "\"description\":\"keep me\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}}").post(base(tenant))
                .then().statusCode(201);

        given().contentType(MERGE_PATCH).body("{\"ref\":{\"semver\":\">=1.0.0\"},\"labels\":{\"b\":null,\"c\":\"3\"}}")
                .patch(base(tenant) + "/patched").then().statusCode(200)
                .body("interval", equalTo("10:00"))
                .body("description", equalTo("keep me"))
                .body("ref.semver", equalTo(">=1.0.0"))
                .body("ref.tag", equalTo("latest"))
                .body("labels.a", equalTo("1"))
                .body("labels.b", nullValue())
                .body("labels.c", equalTo("3"));

        given().contentType(MERGE_PATCH).body("{\"interval\":null,\"description\":null}")
                .patch(base(tenant) + "/patched").then().statusCode(200)
                .body("interval", equalTo("05:00"))
                .body("description", nullValue());
    }

    @Test
    void secretIsKeptWhenOmittedAndReplacedWhenGiven() {
        String tenant = newTenant();
        json().body("{\"name\":\"creds\",\"url\":\"oci://r.example.com/x\",\"auth\":{\"type\":\"basic\","
                + "\"username\":\"u\",\"password\":\"first-pass\"}}").post(base(tenant)).then().statusCode(201);
        String stored = Db.column("select auth_secret from oci_repository where tenant = ?", tenant).get(0);

        given().contentType(MERGE_PATCH).body("{\"interval\":\"09:00\"}").patch(base(tenant) + "/creds")
                .then().statusCode(200).body("auth.secretSet", equalTo(true));
        assertThat(Db.column("select auth_secret from oci_repository where tenant = ?", tenant)).containsExactly(stored);

        given().contentType(MERGE_PATCH).body("{\"auth\":{\"password\":\"second-pass\"}}")
                .patch(base(tenant) + "/creds").then().statusCode(200).body("auth.username", equalTo("u"));
        assertThat(Db.column("select auth_secret from oci_repository where tenant = ?", tenant).get(0))
                .isNotEqualTo(stored);

        // Switching type needs the new type's secret; switching to none drops the secret.
        given().contentType(MERGE_PATCH).body("{\"auth\":{\"type\":\"bearer\",\"username\":null,\"password\":null}}")
                .patch(base(tenant) + "/creds").then().statusCode(422).body("violations.field", hasItem("auth.token"));
        given().contentType(MERGE_PATCH).body("{\"auth\":{\"type\":\"none\",\"username\":null}}")
                .patch(base(tenant) + "/creds").then().statusCode(200).body("auth.secretSet", equalTo(false));
        assertThat(Db.column("select auth_secret from oci_repository where tenant = ?", tenant)).containsOnlyNulls();
    }

    @Test
    void suspendShowsSuspendedAndResumeShowsPendingAgain() {
        String tenant = newTenant();
        createMinimal(tenant, "pause");
        given().contentType(MERGE_PATCH).body("{\"suspend\":true}").patch(base(tenant) + "/pause")
                .then().statusCode(200).body("status.phase", equalTo("Suspended"));
        given().contentType(MERGE_PATCH).body("{\"suspend\":false}").patch(base(tenant) + "/pause")
                .then().statusCode(200).body("status.phase", equalTo("Pending"));
    }

    /** Two updates carrying the same version race: exactly one wins, the other gets 409 (body) or 412 (If-Match). */
    @RepeatedTest(5)
    void concurrentUpdatesWithTheSameVersionHaveExactlyOneWinner() throws Exception {
        String tenant = newTenant();
        Response created = createMinimal(tenant, "race");
        long version = created.jsonPath().getLong("version");
        String etag = created.header("ETag");
        CyclicBarrier start = new CyclicBarrier(4);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                var request = json().body(url("race") + ",\"interval\":\"0" + (n + 1) + ":00\""
                        + (n % 2 == 0 ? ",\"version\":" + version : "") + "}");
                if (n % 2 == 1) {
                    request.header("If-Match", etag);
                }
                return request.put(base(tenant) + "/race").statusCode();
            }));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409 || s == 412).hasSize(3);
        get(tenant, "race").then().body("version", equalTo((int) version + 1));
    }
}
