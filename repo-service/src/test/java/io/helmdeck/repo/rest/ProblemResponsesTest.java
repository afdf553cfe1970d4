package io.helmdeck.repo.rest;

import static io.helmdeck.repo.support.RepoApi.base;
import static io.helmdeck.repo.support.RepoApi.createMinimal;
import static io.helmdeck.repo.support.RepoApi.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.helmdeck.repo.support.RepositoryRows;

/** Every error path answers RFC 9457 problem+json and changes nothing stored. */
@QuarkusTest
class ProblemResponsesTest {

    private String tenant;
    private String before;

    @BeforeEach
    void oneRepository() {
        tenant = newTenant();
        createMinimal(tenant, "existing");
        before = RepositoryRows.dumpTenant(tenant);
    }

    private void assertUnchanged() {
        assertThat(RepositoryRows.dumpTenant(tenant)).isEqualTo(before);
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("detail", notNullValue());
    }

    @Test
    void aMalformedAcceptHeaderIs400AndTheDeleteIsNotCarriedOut() {
        // RESTEasy parses Accept for DELETE (two answer types) only when choosing the answer's type, after the
        // endpoint ran: the delete was done, then a 500.
        problem(given().header("Accept", "garbage").delete(base(tenant) + "/existing").then(), 400)
                .body("detail", containsString("Accept"));
        problem(given().header("Accept", "text/").get(base(tenant) + "/existing").then(), 400);
        assertUnchanged();
        given().header("Accept", "").get(base(tenant) + "/existing").then().statusCode(200);
        // An empty Accept is no Accept.
        given().header("Accept", "").delete(base(tenant) + "/existing").then().statusCode(204);
    }

    @Test
    void malformedJsonIs400WithPlaceNotContent() {
        problem(given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"url\": oops-secret-value}")
                .post(base(tenant)).then(), 400)
                .body("detail", containsString("line 1"))
                .body("detail", org.hamcrest.Matchers.not(containsString("oops-secret-value")));
        problem(given().contentType(ContentType.JSON).body("{\"interval\":\"10:00\"")
                .put(base(tenant) + "/existing").then(), 400);
        assertUnchanged();
    }

    @Test
    void unknownFieldIs400NamingTheField() {
        problem(given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"url\":\"oci://r.example.com/x\",\"intervall\":\"10:00\"}")
                .post(base(tenant)).then(), 400)
                .body("detail", containsString("intervall"));
        problem(given().contentType("application/merge-patch+json").body("{\"ref\":{\"tagg\":\"1\"}}")
                .patch(base(tenant) + "/existing").then(), 400)
                .body("detail", containsString("tagg"));
        assertUnchanged();
    }

    @Test
    void wrongJsonTypeIs400() {
        problem(given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"url\":\"oci://r.example.com/x\",\"insecure\":{\"a\":1}}")
                .post(base(tenant)).then(), 400)
                .body("detail", containsString("insecure"));
        assertUnchanged();
    }

    @Test
    void missingBodyIs400() {
        problem(given().contentType(ContentType.JSON).post(base(tenant)).then(), 400);
        assertUnchanged();
    }

    @Test
    void wrongContentTypeIs415() {
        problem(given().contentType(ContentType.TEXT).body("name=x").post(base(tenant)).then(), 415);
        problem(given().contentType(ContentType.JSON).body("{\"interval\":\"10:00\"}")
                .patch(base(tenant) + "/existing").then(), 415);
        assertUnchanged();
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"name\":\"x\",\"url\":\"oci://r.example.com/x\",\"description\":\"" + "d".repeat(1_100_000) + "\"}";
        problem(given().contentType(ContentType.JSON).body(huge).post(base(tenant)).then(), 413);
        problem(given().contentType(ContentType.JSON).body(huge).put(base(tenant) + "/existing").then(), 413);
        assertUnchanged();
    }

    @Test
    void badTenantOrNameInPathIs400() {
        problem(given().get("/api/v1/tenants/Not_A_Tenant/oci-repositories").then(), 400)
                .body("violations.field", hasItem("path.tenant"));
        problem(given().get(base(tenant) + "/Bad_Name").then(), 400)
                .body("violations.field", hasItem("path.name"));
        problem(given().delete(base(tenant) + "/Bad_Name").then(), 400);
        problem(given().get("/api/v1/tenants/" + "a".repeat(64) + "/oci-repositories").then(), 400);
        assertUnchanged();
    }

    @Test
    void unknownRecordAndRouteAre404() {
        problem(given().get(base(tenant) + "/nope").then(), 404);
        problem(given().contentType(ContentType.JSON).body("{\"name\":\"nope\",\"url\":\"oci://r.example.com/x\"}")
                .put(base(tenant) + "/nope").then(), 404);
        problem(given().get("/api/v1/no-such-thing").then(), 404);
        assertUnchanged();
    }

    @Test
    void badPagingParametersAre400() {
        problem(given().queryParam("limit", "ten").get(base(tenant)).then(), 400);
        problem(given().queryParam("limit", "0").get(base(tenant)).then(), 400);
        problem(given().queryParam("limit", "501").get(base(tenant)).then(), 400);
        problem(given().queryParam("cursor", "***").get(base(tenant)).then(), 400);
    }

    @Test
    void unsupportedMethodIs405() {
        problem(given().delete(base(tenant)).then(), 405);
    }

    @Test
    void nonObjectMergePatchIs400() {
        problem(given().contentType("application/merge-patch+json").body("[1,2]")
                .patch(base(tenant) + "/existing").then(), 400);
        assertUnchanged();
    }
}
