package io.helmdeck.repo.security;

import static io.helmdeck.repo.support.Api.as;
import static io.helmdeck.repo.support.Api.base;
import static io.helmdeck.repo.support.Api.createMinimal;
import static io.helmdeck.repo.support.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.Db;
import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.helmdeck.repo.support.RepositoryRows;

/**
 * Tenant A's token can neither see, guess nor touch tenant B's repositories: every answer about B is the 404 of a
 * record that does not exist, whether B's record exists or not. A viewer only reads; an admin sees every tenant.
 */
@QuarkusTest
class TenantIsolationTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String BODY = "{\"name\":\"x\",\"url\":\"oci://registry.example.com/charts/x\"}";

    private String a;
    private String b;
    private String tokenA;

    @BeforeEach
    void twoTenants() {
        a = newTenant();
        b = newTenant();
        tokenA = Tokens.user(a);
        createMinimal(a, "mine");
        createMinimal(b, "theirs");
    }

    @Test
    void everyOperationOnAnotherTenantIsTheSame404AsAMissingRecord() {
        String before = RepositoryRows.dumpTenant(b);
        Map<String, Function<RequestSpecification, Response>> operations = Map.of(
                "list", r -> r.get(base(b)),
                "create", r -> r.contentType("application/json").body(BODY).post(base(b)),
                "test", r -> r.contentType("application/json").body(BODY).post(base(b) + ":test"),
                "get", r -> r.get(base(b) + "/theirs"),
                "replace", r -> r.contentType("application/json").body(BODY.replace("\"x\"", "\"theirs\""))
                        .put(base(b) + "/theirs"),
                "patch", r -> r.contentType(MERGE_PATCH).body("{\"suspend\":true}").patch(base(b) + "/theirs"),
                "delete", r -> r.delete(base(b) + "/theirs"),
                "sync", r -> r.post(base(b) + "/theirs/sync"),
                "history", r -> r.get(base(b) + "/theirs/history"),
                "tags", r -> r.get(base(b) + "/theirs/tags"));
        operations.forEach((what, call) -> {
            Response response = call.apply(as(tokenA));
            assertThat(response.statusCode()).as(what).isEqualTo(404);
            assertThat(response.contentType()).as(what).startsWith("application/problem+json");
            assertThat(response.jsonPath().getString("type")).as(what).isEqualTo("urn:helmdeck:problem:not-found");
        });
        // Guessing tells nothing: B's existing record and a name B never had get the same answer, word for word,
        // and it is the answer B's own token gets for a record that does not exist.
        String existing = as(tokenA).get(base(b) + "/theirs").asString();
        String guessed = as(tokenA).get(base(b) + "/nothere").asString().replace("nothere", "theirs");
        assertThat(existing).isEqualTo(guessed);
        String missingForB = as(Tokens.user(b)).get(base(b) + "/nothere").asString().replace("nothere", "theirs");
        assertThat(existing).isEqualTo(missingForB);
        assertThat(RepositoryRows.dumpTenant(b)).isEqualTo(before);
    }

    @Test
    void listsShowOnlyTheTokensOwnTenant() {
        as(tokenA).get(base(a)).then().statusCode(200).body("items.name", contains("mine"));
        as(Tokens.user(a, b)).get(base(b)).then().statusCode(200).body("items.name", contains("theirs"));
    }

    @Test
    void aViewerReadsButNeverWrites() {
        String viewer = Tokens.viewer(a);
        as(viewer).get(base(a)).then().statusCode(200).body("items.name", contains("mine"));
        as(viewer).get(base(a) + "/mine").then().statusCode(200);
        as(viewer).get(base(a) + "/mine/history").then().statusCode(200);
        String before = RepositoryRows.dumpTenant(a);
        Map<String, Function<RequestSpecification, Response>> writes = Map.of(
                "create", r -> r.contentType("application/json").body(BODY).post(base(a)),
                "test", r -> r.contentType("application/json").body(BODY).post(base(a) + ":test"),
                "replace", r -> r.contentType("application/json").body(BODY.replace("\"x\"", "\"mine\""))
                        .put(base(a) + "/mine"),
                "patch", r -> r.contentType(MERGE_PATCH).body("{\"suspend\":true}").patch(base(a) + "/mine"),
                "delete", r -> r.delete(base(a) + "/mine"),
                "sync", r -> r.post(base(a) + "/mine/sync"),
                "rotate", r -> r.post("/api/v1/admin/credentials:rotate"));
        writes.forEach((what, call) -> {
            Response response = call.apply(as(viewer));
            assertThat(response.statusCode()).as(what).isEqualTo(403);
            assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        });
        assertThat(RepositoryRows.dumpTenant(a)).isEqualTo(before);
        // In a tenant it does not hold, a viewer learns no more than anyone else: 404, not 403.
        as(viewer).delete(base(b) + "/theirs").then().statusCode(404);
    }

    @Test
    void aUserWritesInItsTenantAndAnAdminSeesEveryTenant() {
        as(tokenA).contentType("application/json").body(BODY).post(base(a)).then().statusCode(201);
        as(tokenA).post(base(a) + "/x/sync").then().statusCode(202);
        as(tokenA).delete(base(a) + "/x").then().statusCode(204);
        as(Tokens.admin()).get(base(b) + "/theirs").then().statusCode(200).body("name", equalTo("theirs"));
        as(Tokens.admin()).get(base(a)).then().statusCode(200).body("items.name", contains("mine"));
    }

    @Test
    void onlyAdminsRotateKeys() {
        as(tokenA).post("/api/v1/admin/credentials:rotate").then().statusCode(403)
                .contentType("application/problem+json");
        as(Tokens.admin()).post("/api/v1/admin/credentials:rotate").then().statusCode(200);
    }

    @Test
    void artifactsAreReadableOnlyThroughARepositoryOfTheCallersTenant() throws Exception {
        String digestB = storeBlob();
        String loose = storeBlob();
        Db.execute("update oci_repository_status set artifact_digest = ? where repository_id = "
                + "(select id from oci_repository where tenant = ? and name = 'theirs')", digestB, b);

        as(Tokens.user(b)).get("/api/v1/artifacts/" + digestB).then().statusCode(200);
        as(Tokens.viewer(b)).get("/api/v1/artifacts/" + digestB).then().statusCode(200);
        as(Tokens.admin()).get("/api/v1/artifacts/" + digestB).then().statusCode(200);
        as(Tokens.admin()).get("/api/v1/artifacts/" + loose).then().statusCode(200);

        Response foreign = as(tokenA).get("/api/v1/artifacts/" + digestB);
        assertThat(foreign.statusCode()).isEqualTo(404);
        String missing = as(tokenA).get("/api/v1/artifacts/" + sha256("never stored".getBytes()))
                .asString().replace(sha256("never stored".getBytes()), digestB);
        assertThat(foreign.asString()).isEqualTo(missing);
        // Stored, but no repository of B points at it: B cannot read it either.
        as(Tokens.user(b)).get("/api/v1/artifacts/" + loose).then().statusCode(404);
    }

    private static String storeBlob() throws Exception {
        byte[] blob = ("chart-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String digest = sha256(blob);
        given().contentType("application/vnd.cncf.helm.chart.content.v1.tar+gzip").body(blob)
                .put("/internal/v1/artifacts/" + digest).then().statusCode(201);
        return digest;
    }

    private static String sha256(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
