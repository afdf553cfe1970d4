package io.helmdeck.release.rest;

import static io.helmdeck.release.support.ReleaseApi.base;
import static io.helmdeck.release.support.ReleaseApi.json;
import static io.helmdeck.release.support.ReleaseApi.newTenant;
import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.HostileInput;
import io.helmdeck.support.testing.HostileRequestRun;
import io.helmdeck.support.testing.HostileRequestRun.Endpoint;
import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 5, hostile input against release-service: the shared {@link HostileRequestRun} over every endpoint of this
 * service, public and internal. Whatever comes in: never a 5xx, every error is problem+json, and a rejected request
 * changes nothing stored (the release tables are fingerprinted before and after). Seeded: a failure names its seed.
 */
@QuarkusTest
class ReleaseHostileInputTest {

    /** The words of the Helm release API the generator mixes in, besides the ones every service shares. */
    private static final List<String> RELEASE_SEGMENTS = List.of("helm-releases", "rollback", "OCIRepository",
            "HelmRepository");
    private static final List<String> RELEASE_FIELDS = List.of("sourceType", "sourceName", "releaseName",
            "targetNamespace", "values", "install", "upgrade", "remediation", "retries", "strategy", "maxHistory",
            "createNamespace", "sourceEvent", "tenant");

    private static final String FINGERPRINT = """
            select md5(coalesce((select string_agg(t::text, '|' order by t.id) from helm_release t), '')
              || coalesce((select string_agg(t::text, '|' order by t.release_id) from helm_release_status t), '')
              || coalesce((select string_agg(t::text, '|' order by t::text) from helm_release_revision t), ''))
            """;

    /** Every endpoint of the service; {tenant} and {name} are filled with generated segments. */
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/tenants/{tenant}/helm-releases", false, "limit", "cursor", "phase", "q"),
            new Endpoint("POST", "/api/v1/tenants/{tenant}/helm-releases", true),
            new Endpoint("GET", "/api/v1/tenants/{tenant}/helm-releases/{name}", false),
            new Endpoint("PUT", "/api/v1/tenants/{tenant}/helm-releases/{name}", true),
            new Endpoint("PATCH", "/api/v1/tenants/{tenant}/helm-releases/{name}", true),
            new Endpoint("DELETE", "/api/v1/tenants/{tenant}/helm-releases/{name}", false),
            new Endpoint("POST", "/api/v1/tenants/{tenant}/helm-releases/{name}/reconcile", false),
            new Endpoint("POST", "/api/v1/tenants/{tenant}/helm-releases/{name}/rollback", true),
            new Endpoint("GET", "/api/v1/tenants/{tenant}/helm-releases/{name}/history", false),
            new Endpoint("GET", "/api/v1/tenants/{tenant}/helm-releases/{name}/manifest", false, "revision"),
            new Endpoint("GET", "/api/v1/tenants/{tenant}/helm-releases/{name}/values", false, "revision"),
            new Endpoint("POST", "/internal/v1/source-events", true));

    @Test
    void generatedHostileRequestsNeverCrashAlwaysAnswerProblemsAndNeverChangeStateWhenRejected() throws Exception {
        HostileInput input = new HostileInput(HostileRequestRun.SEED, RELEASE_SEGMENTS, RELEASE_FIELDS);
        new HostileRequestRun(input, new HostileRequestRun.Service(ENDPOINTS, Map.of("{name}", "target"),
                FINGERPRINT, ReleaseHostileInputTest::ensureTarget, Tokens::repoService)).run(newTenant());
    }

    /** The record the generator aims at, recreated when a generated DELETE removed it. */
    private static void ensureTarget(String tenant) {
        if (given().get(base(tenant) + "/target").statusCode() == 404) {
            json().body("{\"name\":\"target\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"podinfo\","
                    + "\"values\":{\"replicaCount\":2}}").post(base(tenant)).then().statusCode(201);
        }
    }
}
