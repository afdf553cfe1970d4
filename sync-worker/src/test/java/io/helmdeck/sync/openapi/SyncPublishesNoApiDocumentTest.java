package io.helmdeck.sync.openapi;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * sync-worker has no public API (ADR 0020): its registry probes are repo-service's internal API. It publishes no
 * document at all (ADR 0036), so nothing can describe the probes to a client, and its start loads no OpenAPI code.
 */
@QuarkusTest
class SyncPublishesNoApiDocumentTest {

    @Test
    void thereIsNoOpenApiDocumentNorSwaggerUi() {
        given().get("/q/openapi").then().statusCode(404);
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(404);
        given().get("/q/swagger-ui").then().statusCode(404);
    }
}
