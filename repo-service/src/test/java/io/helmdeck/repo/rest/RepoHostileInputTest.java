package io.helmdeck.repo.rest;

import static io.helmdeck.repo.support.RepoApi.base;
import static io.helmdeck.repo.support.RepoApi.json;
import static io.helmdeck.repo.support.RepoApi.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.helmdeck.repo.support.RepositoryRows;
import io.helmdeck.support.testing.HostileInput;
import io.helmdeck.support.testing.HostileRequestRun;
import io.helmdeck.support.testing.HostileRequestRun.Endpoint;
import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 5, hostile input against repo-service: the shared {@link HostileRequestRun} over every endpoint of this
 * service, public and internal. Whatever comes in: never a 5xx, every error is problem+json, and a rejected request
 * changes nothing stored (the repository tables are fingerprinted before and after). Seeded: a failure names its
 * seed.
 */
@QuarkusTest
class RepoHostileInputTest {

    private static final String FINGERPRINT = """
            select md5(coalesce((select string_agg(t::text, '|' order by t.id) from oci_repository t), '')
              || coalesce((select string_agg(t::text, '|' order by t.repository_id) from oci_repository_status t), '')
              || coalesce((select string_agg(t::text, '|' order by t::text) from oci_repository_sync t), '')
              || coalesce((select string_agg(t.digest || ':' || t.size, '|' order by t.digest) from artifact t), ''))
            """;

    /** Every endpoint of the service; {tenant}, {name}, {digest} and {id} are filled with generated segments. */
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/tenants/{tenant}/oci-repositories", false, "limit", "cursor", "status", "q"),
            new Endpoint("POST", "/api/v1/tenants/{tenant}/oci-repositories", true),
            new Endpoint("POST", "/api/v1/tenants/{tenant}/oci-repositories:test", true),
            new Endpoint("GET", "/api/v1/tenants/{tenant}/oci-repositories/{name}", false),
            new Endpoint("PUT", "/api/v1/tenants/{tenant}/oci-repositories/{name}", true),
            new Endpoint("PATCH", "/api/v1/tenants/{tenant}/oci-repositories/{name}", true),
            new Endpoint("DELETE", "/api/v1/tenants/{tenant}/oci-repositories/{name}", false),
            new Endpoint("POST", "/api/v1/tenants/{tenant}/oci-repositories/{name}/sync", false),
            new Endpoint("GET", "/api/v1/tenants/{tenant}/oci-repositories/{name}/history", false, "limit"),
            new Endpoint("GET", "/api/v1/tenants/{tenant}/oci-repositories/{name}/tags", false),
            new Endpoint("GET", "/api/v1/artifacts/{digest}", false),
            new Endpoint("POST", "/api/v1/admin/credentials:rotate", false),
            new Endpoint("POST", "/internal/v1/sync/exchanges", true),
            new Endpoint("POST", "/internal/v1/sync/claims", true),
            new Endpoint("POST", "/internal/v1/sync/leases/{id}/renew", true),
            new Endpoint("POST", "/internal/v1/sync/leases/{id}/release", true),
            new Endpoint("POST", "/internal/v1/sync/leases/{id}/report", true),
            new Endpoint("HEAD", "/internal/v1/artifacts/{digest}", false),
            new Endpoint("PUT", "/internal/v1/artifacts/{digest}", true),
            new Endpoint("GET", "/internal/v1/artifacts/{digest}", false),
            new Endpoint("GET", "/internal/v1/sources/{tenant}/{name}", false));

    @Test
    void generatedHostileRequestsNeverCrashAlwaysAnswerProblemsAndNeverChangeStateWhenRejected() throws Exception {
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("{name}", "target");
        placeholders.put("{digest}", "sha256:" + "a".repeat(64));
        placeholders.put("{id}", "1");
        new HostileRequestRun(new HostileInput(HostileRequestRun.SEED), new HostileRequestRun.Service(ENDPOINTS,
                placeholders, FINGERPRINT, RepoHostileInputTest::ensureTarget, Tokens::syncWorker)).run(newTenant());
    }

    /** Inputs the generator once found to crash the service, kept as fixed cases. */
    @Test
    void nulCharactersAndDoublyEscapedPathsAre400NotCrashes() {
        String tenant = newTenant();
        ensureTarget(tenant);
        String before = RepositoryRows.dumpTenant(tenant);
        given().urlEncodingEnabled(false).queryParam("q", "a%00b").get(base(tenant)).then().statusCode(400)
                .contentType("application/problem+json");
        json().body("{\"name\":\"nul\",\"url\":\"oci://r.example.com/x\",\"description\":\"a\\u0000b\"}")
                .post(base(tenant)).then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/merge-patch+json").body("{\"labels\":{\"a\":\"\\u0000\"}}")
                .patch(base(tenant) + "/target").then().statusCode(400).contentType("application/problem+json");
        given().urlEncodingEnabled(false).post("/api/v1/tenants/%25%1B%3A/oci-repositories/x/sync").then()
                .statusCode(400).contentType("application/problem+json");
        given().urlEncodingEnabled(false).get("/api/v1/tenants/" + tenant + "/oci-repositories/a%3Ab%25zz").then()
                .statusCode(400).contentType("application/problem+json");
        assertThat(RepositoryRows.dumpTenant(tenant)).isEqualTo(before);
    }

    /** The record the generator aims at, recreated when a generated DELETE removed it. */
    private static void ensureTarget(String tenant) {
        if (given().get(base(tenant) + "/target").statusCode() == 404) {
            json().body("{\"name\":\"target\",\"url\":\"oci://registry.example.com/charts/target\",\"auth\":{"
                    + "\"type\":\"basic\",\"username\":\"robot\",\"password\":\"fuzz-secret-" + HostileRequestRun.SEED
                    + "\"}}")
                    .post(base(tenant)).then().statusCode(201);
        }
    }
}
