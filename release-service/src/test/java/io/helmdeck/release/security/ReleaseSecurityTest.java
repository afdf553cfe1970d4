package io.helmdeck.release.security;

import static io.helmdeck.release.support.Api.anonymous;
import static io.helmdeck.release.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.helmdeck.release.support.Api;
import io.helmdeck.support.testing.Db;
import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import io.helmdeck.release.support.ReleaseRows;

/** ADR 0013 in release-service: user tokens on /api, tenants and roles, the service token on /internal. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseSecurityTest {

    private static final String CHALLENGE = "Bearer realm=\"helmdeck\"";

    /** Every operation of the OpenAPI document, so an endpoint added later is covered without editing this test. */
    @Test
    @Order(1)
    void anonymousCallsToEveryDocumentedOperationAre401Problems() {
        JsonPath doc = anonymous().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        List<String> checked = new ArrayList<>();
        paths.forEach((template, operations) -> operations.keySet().forEach(method -> {
            String path = template.replace("{tenant}", "team-a").replace("{name}", "podinfo");
            Response response = anonymous().contentType(bodyType(doc, template, method)).body("{}")
                    .request(method.toUpperCase(), path);
            assertThat(response.statusCode()).as(method + " " + template).isEqualTo(401);
            assertThat(response.contentType()).as(method + " " + template).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).isEqualTo(CHALLENGE);
            checked.add(method + " " + template);
        }));
        assertThat(checked).contains("get /api/v1/tenants/{tenant}/helm-releases",
                "post /api/v1/tenants/{tenant}/helm-releases/{name}/rollback",
                "get /api/v1/tenants/{tenant}/helm-releases/{name}/diff").hasSizeGreaterThan(10);
        assertThat(checked).noneMatch(operation -> operation.contains("/internal/"));
    }

    private static String bodyType(JsonPath doc, String template, String method) {
        Map<String, Object> content = doc.getMap("paths.'" + template + "'." + method + ".requestBody.content");
        return content == null || content.isEmpty() ? "application/json" : content.keySet().iterator().next();
    }

    @Test
    @Order(1)
    void expiredForgedAndForeignTokensAre401() {
        String path = Api.base(Api.newTenant());
        Map<String, String> bad = Map.of(
                "expired", Tokens.sign(Tokens.claims(List.of(), Set.of("admin"))
                        .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))),
                "signed by an unknown key", Tokens.sign(Tokens.claims(List.of(), Set.of("admin")),
                        Tokens.untrustedKey()),
                "for another audience", Tokens.sign(Tokens.claims(List.of(), Set.of("admin")).audience("other")),
                "from another issuer", Tokens.sign(Tokens.claims(List.of(), Set.of("admin")).issuer("evil")),
                "not a JWT", "not-a-jwt",
                "a service token", Tokens.repoService());
        bad.forEach((what, token) -> {
            Response response = as(token).get(path);
            assertThat(response.statusCode()).as(what).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).as(what).isEqualTo(CHALLENGE + ", error=\"invalid_token\"");
            assertThat(response.asString()).as(what).doesNotContain(token);
        });
        // Open, whatever it says (a cluster an earlier test left configured may make it 503): never 401.
        assertThat(anonymous().get("/q/health/ready").statusCode()).isIn(200, 503);
        anonymous().get("/q/metrics").then().statusCode(200);
    }

    @Test
    @Order(1)
    void tenantACannotSeeListGuessOrTouchTenantBsReleases() {
        String a = Api.newTenant();
        String b = Api.newTenant();
        Api.createMinimal(b, "secret-app");
        String before = ReleaseRows.dumpTenant(b);
        String tokenA = Tokens.user(a);

        Response existing = as(tokenA).get(Api.base(b) + "/secret-app");
        Response missing = as(tokenA).get(Api.base(b) + "/no-such-app");
        assertThat(existing.statusCode()).isEqualTo(404);
        assertThat(existing.jsonPath().getString("detail")).isEqualTo("Helm release " + b + "/secret-app not found");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.jsonPath().getString("title")).isEqualTo(existing.jsonPath().getString("title"));
        as(tokenA).get(Api.base(b)).then().statusCode(404);
        for (String sub : List.of("/history", "/manifest", "/values", "/diff")) {
            as(tokenA).get(Api.base(b) + "/secret-app" + sub).then().statusCode(404);
        }
        as(tokenA).body("{\"description\":\"mine now\"}").contentType("application/merge-patch+json")
                .patch(Api.base(b) + "/secret-app").then().statusCode(404);
        as(tokenA).post(Api.base(b) + "/secret-app/reconcile").then().statusCode(404);
        as(tokenA).body("{\"revision\":1}").post(Api.base(b) + "/secret-app/rollback").then().statusCode(404);
        as(tokenA).delete(Api.base(b) + "/secret-app").then().statusCode(404);
        as(tokenA).body(Api.minimal("planted")).post(Api.base(b)).then().statusCode(404);
        assertThat(ReleaseRows.dumpTenant(b)).as("nothing of tenant B changed").isEqualTo(before);

        // Its own tenant works, and B's token sees B's release.
        as(tokenA).body(Api.minimal("own")).post(Api.base(a)).then().statusCode(201);
        as(Tokens.user(b)).get(Api.base(b) + "/secret-app").then().statusCode(200);
        assertThat(as(Tokens.admin()).get(Api.base(b)).jsonPath().getList("items.name")).containsExactly("secret-app");
    }

    @Test
    @Order(1)
    void aViewerReadsButCannotWrite() {
        String t = Api.newTenant();
        Api.createMinimal(t, "app");
        String viewer = Tokens.viewer(t);
        as(viewer).get(Api.base(t) + "/app").then().statusCode(200);
        as(viewer).get(Api.base(t)).then().statusCode(200);
        as(viewer).body("{\"suspend\":true}").contentType("application/merge-patch+json")
                .patch(Api.base(t) + "/app").then().statusCode(403);
        as(viewer).post(Api.base(t) + "/app/reconcile").then().statusCode(403);
        as(viewer).delete(Api.base(t) + "/app").then().statusCode(403);
        as(viewer).body(Api.minimal("other")).post(Api.base(t)).then().statusCode(403);
        as(Tokens.admin()).get(Api.base(t) + "/app").then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void sourceEventsAcceptOnlyRepoServicesToken() {
        String event = "{\"tenant\":\"t\",\"sourceName\":\"s\",\"type\":\"Revision\"}";
        anonymous().body(event).post("/internal/v1/source-events").then().statusCode(401);
        as(Tokens.admin()).body(event).post("/internal/v1/source-events").then().statusCode(401);
        as(Tokens.releaseService()).body(event).post("/internal/v1/source-events").then().statusCode(401);
        as("repo-" + "x".repeat(43)).body(event).post("/internal/v1/source-events").then().statusCode(401);
        as(Tokens.repoService()).body(event).post("/internal/v1/source-events").then().statusCode(202);
    }

    /**
     * Issue 5: no token handed out so far in this test JVM (every test class before this one, and the forged and
     * foreign tokens above) appears in release-service's log files.
     */
    @Test
    @Order(2)
    void noTokenOfTheRunIsInTheLog() throws IOException {
        Set<String> secrets = new LinkedHashSet<>();
        for (String token : Tokens.issued()) {
            secrets.add(token);
            secrets.add(token.substring(token.lastIndexOf('.') + 1));
        }
        secrets.add(Tokens.repoService());
        secrets.add(Tokens.releaseService());
        StringBuilder log = new StringBuilder();
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("quarkus-test.log")).toList()) {
                log.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        assertThat(log).as("the log of the run").contains("created Helm release");
        assertThat(secrets).hasSizeGreaterThan(5);
        List<String> leaked = new ArrayList<>();
        for (String secret : secrets) {
            if (secret.length() >= 8 && log.indexOf(secret) >= 0) {
                leaked.add(secret.substring(0, 4) + "…");
            }
        }
        assertThat(leaked).as("tokens found in target/quarkus-test.log*").isEmpty();
    }
}
