package io.helmdeck.repo.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.Db;
import io.quarkus.test.junit.QuarkusTest;

/** Health, metrics, OpenAPI and migrations, as an operator sees them. */
@QuarkusTest
class OperationsTest {

    @Test
    void healthReportsLiveAndReadyWithTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void metricsArePrometheusText() {
        given().get("/api/v1/tenants/metrics-probe/oci-repositories").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void openApiDocumentsEveryOperationWithProblemResponses() {
        var doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        String base = "paths.'/api/v1/tenants/{tenant}/oci-repositories";
        assertThat(doc.getMap(base + "'")).containsKeys("get", "post");
        assertThat(doc.getMap(base + "/{name}'")).containsKeys("get", "put", "patch", "delete");
        assertThat(doc.getMap(base + "/{name}/sync'")).containsKeys("post");
        assertThat(doc.getMap(base + "'.post.responses")).containsKeys("201", "400", "409", "413", "415", "422");
        assertThat(doc.getMap(base + "/{name}'.put.responses")).containsKeys("200", "404", "409", "412", "422");
        assertThat(doc.getString(base + "'.post.responses.'422'.content.'application/problem+json'.schema.$ref"))
                .endsWith("/Problem");
        assertThat(doc.getMap("components.schemas")).containsKeys("Problem", "OciRepository", "OciRepositoryRequest");
        assertThat(doc.getString("components.schemas.OciRepositoryRequest.properties.interval.default"))
                .isEqualTo("05:00");
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void migrationsRanFromAnEmptyDatabase() {
        assertThat(Db.column("select version from flyway_schema_history where success order by installed_rank"))
                .contains("1");
        given().get("/q/health/ready").then().body("status", notNullValue());
    }

    @Test
    void everyResponseCarriesARequestId() {
        given().header("X-Request-Id", "abc-123").get("/api/v1/tenants/req-id/oci-repositories").then()
                .statusCode(200).header("X-Request-Id", equalTo("abc-123"));
        given().get("/api/v1/tenants/req-id/oci-repositories/missing").then()
                .statusCode(404).header("X-Request-Id", notNullValue());
        given().header("X-Request-Id", "bad id with spaces\u0000").get("/api/v1/tenants/req-id/oci-repositories")
                .then().header("X-Request-Id", org.hamcrest.Matchers.not(containsString(" ")));
    }
}
