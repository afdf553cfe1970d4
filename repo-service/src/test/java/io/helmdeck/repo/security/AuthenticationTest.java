package io.helmdeck.repo.security;

import static io.helmdeck.repo.support.Api.anonymous;
import static io.helmdeck.repo.support.Api.as;
import static io.helmdeck.repo.support.Api.base;
import static io.helmdeck.repo.support.Api.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Every public operation needs a valid user token; operators' endpoints stay open (ADR 0013). */
@QuarkusTest
class AuthenticationTest {

    private static final String CHALLENGE = "Bearer realm=\"helmdeck\"";
    private static final String INVALID = CHALLENGE + ", error=\"invalid_token\"";

    /** Every operation of the OpenAPI document, so an endpoint added later is covered without editing this test. */
    @Test
    void anonymousCallsToEveryDocumentedOperationAre401Problems() {
        JsonPath doc = anonymous().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        List<String> checked = new ArrayList<>();
        paths.forEach((template, operations) -> operations.keySet().forEach(method -> {
            String path = template.replace("{tenant}", "team-a").replace("{name}", "podinfo")
                    .replace("{digest}", "sha256:" + "0".repeat(64));
            RequestSpecification request = anonymous().contentType(bodyType(doc, template, method)).body("{}");
            Response response = request.request(method.toUpperCase(), path);
            assertThat(response.statusCode()).as(method + " " + template).isEqualTo(401);
            assertThat(response.contentType()).as(method + " " + template).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).isEqualTo(CHALLENGE);
            assertThat(response.jsonPath().getInt("status")).isEqualTo(401);
            checked.add(method + " " + template);
        }));
        // The document really was enumerated: at least every operation known today.
        assertThat(checked).contains("get /api/v1/tenants/{tenant}/oci-repositories",
                "post /api/v1/tenants/{tenant}/oci-repositories:test",
                "delete /api/v1/tenants/{tenant}/oci-repositories/{name}",
                "get /api/v1/tenants/{tenant}/oci-repositories/{name}/tags",
                "get /api/v1/artifacts/{digest}", "post /api/v1/admin/credentials:rotate").hasSizeGreaterThan(11);
        assertThat(checked).noneMatch(operation -> operation.contains("/internal/"));
    }

    @Test
    void expiredForgedAndForeignTokensAre401() {
        String path = base(newTenant());
        Map<String, String> bad = Map.of(
                "expired", Tokens.sign(Tokens.claims(List.of(), Set.of("admin"))
                        .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))),
                "signed by an unknown key", Tokens.sign(Tokens.claims(List.of(), Set.of("admin")),
                        Tokens.untrustedKey()),
                "for another audience", Tokens.sign(Tokens.claims(List.of(), Set.of("admin")).audience("other")),
                "from another issuer", Tokens.sign(Tokens.claims(List.of(), Set.of("admin")).issuer("evil")),
                "not a JWT", "not-a-jwt",
                "a service token", Tokens.syncWorker());
        bad.forEach((what, token) -> {
            Response response = as(token).get(path);
            assertThat(response.statusCode()).as(what).isEqualTo(401);
            assertThat(response.contentType()).as(what).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).as(what).isEqualTo(INVALID);
            assertThat(response.asString()).as(what).doesNotContain(token);
        });
        anonymous().header("Authorization", "Basic dXNlcjpwYXNz").get(path).then().statusCode(401)
                .header("WWW-Authenticate", equalTo(INVALID));
        as(Tokens.admin()).get(path).then().statusCode(200);
    }

    @Test
    void healthMetricsAndApiDocumentsNeedNoToken() {
        anonymous().get("/q/health/live").then().statusCode(200);
        anonymous().get("/q/health/ready").then().statusCode(200);
        anonymous().get("/q/metrics").then().statusCode(200);
        anonymous().get("/q/openapi").then().statusCode(200);
        anonymous().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void openApiDescribesTheBearerScheme() {
        JsonPath doc = anonymous().queryParam("format", "json").get("/q/openapi").then().extract().jsonPath();
        assertThat(doc.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
        assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(doc.getString("components.securitySchemes.bearer.bearerFormat")).isEqualTo("JWT");
        assertThat(doc.getList("security.bearer")).isNotEmpty();
        assertThat(doc.getMap("paths.'/api/v1/tenants/{tenant}/oci-repositories'.get.responses")).containsKey("401");
        assertThat(doc.getMap("paths.'/api/v1/tenants/{tenant}/oci-repositories'.post.responses")).containsKey("403");
    }

    private static String bodyType(JsonPath doc, String template, String method) {
        Map<String, Object> content = doc.getMap("paths.'" + template + "'." + method + ".requestBody.content");
        return content == null || content.isEmpty() ? "application/json" : content.keySet().iterator().next();
    }
}
