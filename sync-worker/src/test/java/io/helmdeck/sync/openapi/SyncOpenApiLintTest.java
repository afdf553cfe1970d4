package io.helmdeck.sync.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/** sync-worker publishes no API (ADR 0020): its registry probes are repo-service's internal API. */
@QuarkusTest
class SyncOpenApiLintTest {

    @Test
    void theDocumentPublishesNeitherTheInternalProbesNorOtherServicesModels() throws Exception {
        String text = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .asString();
        JsonNode doc = new ObjectMapper().readTree(text);
        assertThat(text).doesNotContain("/internal/");
        assertThat(doc.path("paths").size()).isZero();
        assertThat(doc.path("components").path("schemas").size()).as("no schema of another service").isZero();
        assertThat(doc.path("components").path("securitySchemes").size()).isZero();
        assertThat(doc.path("servers").size()).isPositive();
        SwaggerParseResult result = new OpenAPIParser().readContents(text, null, new ParseOptions());
        assertThat(result.getMessages()).isEmpty();
    }
}
