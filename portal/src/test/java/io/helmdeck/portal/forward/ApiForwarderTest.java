package io.helmdeck.portal.forward;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What the forwarder passes on and back, against a stand-in that echoes what it got. */
@QuarkusTest
@WithTestResource(value = EchoUpstream.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ApiForwarderTest {

    @Test
    void theCallersTokenBodyAndConditionsReachTheServiceAndItsAnswerComesBackAsIs() {
        given().header("Authorization", "Bearer user-token").header("If-Match", "\"6\"")
                .header("Cookie", "portal-session=secret").header("X-Other", "dropped")
                .contentType("application/merge-patch+json").body("{\"interval\":\"10:00\"}")
                .patch("/api/v1/tenants/team-a/oci-repositories/podinfo?x=1")
                .then().statusCode(200).header("ETag", "\"7\"").header("Set-Cookie", nullValue())
                .body("method", equalTo("PATCH"))
                .body("uri", equalTo("/api/v1/tenants/team-a/oci-repositories/podinfo?x=1"))
                .body("body", equalTo("{\"interval\":\"10:00\"}"))
                .body("headers.authorization", equalTo("Bearer user-token"))
                .body("headers.if-match", equalTo("\"6\""))
                .body("headers.content-type", startsWith("application/merge-patch+json"))
                .body("headers.cookie", nullValue())
                .body("headers.x-other", nullValue());
        given().contentType("application/json").body("{}").post("/api/v1/tenants/team-a/oci-repositories:test")
                .then().statusCode(201).body("uri", containsString("/api/v1/tenants/team-a/oci-repositories"));
    }

    @Test
    void internalPathsAreNotForwardedAndADownServiceIsABadGatewayProblem() {
        given().get("/api/v1/../internal/v1/sync/claims").then().statusCode(404);
        given().get("/api/v1/admin/crypto-key-rotations").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer t").get("/api/v1/tenants/team-a/helm-releases")
                .then().statusCode(502).contentType("application/problem+json").body("status", equalTo(502));
    }

    @Test
    void healthAndMetricsAreServedLikeEveryOtherService() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
