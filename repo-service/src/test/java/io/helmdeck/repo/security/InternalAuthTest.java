package io.helmdeck.repo.security;

import static io.helmdeck.repo.support.RepoApi.anonymous;
import static io.helmdeck.repo.support.RepoApi.as;
import static io.helmdeck.repo.support.RepoApi.base;
import static io.helmdeck.repo.support.RepoApi.json;
import static io.helmdeck.repo.support.RepoApi.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.helmdeck.repo.support.ReleaseServiceDouble;
import io.helmdeck.repo.support.SyncWorkerDouble;
import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The internal API answers only the services of ADR 0013, each on its own endpoints; no user token ever works there. */
@QuarkusTest
class InternalAuthTest {

    private static final String MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private static final String DIGEST = "sha256:" + "0".repeat(64);

    /** One call per internal endpoint and method. */
    private static final List<Call> CALLS = List.of(
            new Call("POST", "/internal/v1/sync/exchanges", "{\"reports\":[]}"),
            new Call("POST", "/internal/v1/sync/claims", "{\"worker\":\"w\",\"max\":1,\"leaseSeconds\":60}"),
            new Call("POST", "/internal/v1/sync/leases/1/renew", "{\"worker\":\"w\",\"leaseSeconds\":60}"),
            new Call("POST", "/internal/v1/sync/leases/1/release", "{\"worker\":\"w\"}"),
            new Call("POST", "/internal/v1/sync/leases/1/report", "{\"worker\":\"w\"}"),
            new Call("HEAD", "/internal/v1/artifacts/" + DIGEST, null),
            new Call("PUT", "/internal/v1/artifacts/" + DIGEST, "blob"),
            new Call("GET", "/internal/v1/artifacts/" + DIGEST, null),
            new Call("GET", "/internal/v1/sources/team-a/podinfo", null));

    @Test
    void noTokenAUserTokenOrAWrongTokenIs401Everywhere() {
        Map<String, String> wrong = Map.of(
                "admin JWT", Tokens.admin(),
                "user JWT", Tokens.user("team-a"),
                "unknown token", "sync-" + UUID.randomUUID(),
                "repo-service's own token", Tokens.repoService());
        for (Call call : CALLS) {
            Response none = call.send(anonymous());
            assertThat(none.statusCode()).as(call + " without token").isEqualTo(401);
            assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"helmdeck\"");
            if (!"HEAD".equals(call.method())) {
                assertThat(none.contentType()).startsWith("application/problem+json");
            }
            wrong.forEach((what, token) -> {
                Response response = call.send(as(token));
                assertThat(response.statusCode()).as(call + " with " + what).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
            });
        }
    }

    @Test
    void eachServiceIsRefusedOutsideItsOwnEndpoints() {
        for (Call call : CALLS) {
            boolean syncWorker = call.path().startsWith("/internal/v1/sync/")
                    || (call.path().startsWith("/internal/v1/artifacts/") && !"GET".equals(call.method()));
            Response asWorker = call.send(as(Tokens.syncWorker()));
            Response asRelease = call.send(as(Tokens.releaseService()));
            if (syncWorker) {
                assertThat(asRelease.statusCode()).as(call + " by release-service").isEqualTo(403);
                assertThat(asWorker.statusCode()).as(call + " by sync-worker").isNotIn(401, 403);
            } else {
                assertThat(asWorker.statusCode()).as(call + " by sync-worker").isEqualTo(403);
                assertThat(asRelease.statusCode()).as(call + " by release-service").isNotIn(401, 403);
            }
        }
    }

    @Test
    void releaseServiceReadsTheSameSourceAsThePublicApiWithoutCredentials() {
        String tenant = newTenant();
        String password = "pw-" + UUID.randomUUID();
        json().body("{\"name\":\"private\",\"url\":\"oci://r.example.com/charts/app\",\"auth\":{\"type\":\"basic\","
                + "\"username\":\"robot\",\"password\":\"" + password + "\"}}").post(base(tenant)).then().statusCode(201);

        Response internal = as(Tokens.releaseService()).get("/internal/v1/sources/" + tenant + "/private");
        internal.then().statusCode(200).contentType("application/json");
        Map<String, Object> publicView = given().get(base(tenant) + "/private").jsonPath().getMap("$");
        assertThat(internal.jsonPath().getMap("$")).isEqualTo(publicView);
        assertThat(internal.asString()).contains("\"secretSet\":true").doesNotContain(password);

        as(Tokens.releaseService()).get("/internal/v1/sources/" + tenant + "/missing").then().statusCode(404)
                .contentType("application/problem+json");
        as(Tokens.syncWorker()).get("/internal/v1/sources/" + tenant + "/private").then().statusCode(403);
    }

    @Test
    void releaseServiceReadsTheSameArtifactBytesAsThePublicApi() throws Exception {
        byte[] blob = ("chart-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
        as(Tokens.syncWorker()).contentType(MEDIA_TYPE).body(blob).put("/internal/v1/artifacts/" + digest)
                .then().statusCode(201);

        byte[] internal = as(Tokens.releaseService()).get("/internal/v1/artifacts/" + digest).then().statusCode(200)
                .contentType(MEDIA_TYPE).extract().asByteArray();
        byte[] viaApi = as(Tokens.admin()).get("/api/v1/artifacts/" + digest).then().statusCode(200)
                .extract().asByteArray();
        assertThat(internal).isEqualTo(blob).isEqualTo(viaApi);
    }

    @Test
    void repoServiceSendsItsOwnTokenToTheOtherServices() {
        String tenant = newTenant();
        json().body("{\"name\":\"podinfo\",\"url\":\"oci://r.example.com/charts/podinfo\"}").post(base(tenant))
                .then().statusCode(201);
        given().get(base(tenant) + "/podinfo/tags").then().statusCode(200);
        assertThat(SyncWorkerDouble.LAST_AUTHORIZATION.get()).isEqualTo("Bearer " + Tokens.repoService());

        given().delete(base(tenant) + "/podinfo").then().statusCode(204);
        assertThat(ReleaseServiceDouble.awaitDelivery(tenant, d -> true))
                .allSatisfy(d -> assertThat(d.authorization()).isEqualTo("Bearer " + Tokens.repoService()));
    }

    private record Call(String method, String path, String body) {

        Response send(RequestSpecification request) {
            if (body != null) {
                request = method.equals("PUT")
                        ? request.contentType(MEDIA_TYPE).body(body.getBytes(StandardCharsets.UTF_8))
                        : request.contentType("application/json").body(body);
            }
            return request.request(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
