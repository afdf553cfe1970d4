package io.helmdeck.release.openapi;

import static io.helmdeck.release.support.ReleaseApi.base;
import static io.helmdeck.release.support.ReleaseApi.createMinimal;
import static io.helmdeck.release.support.ReleaseApi.json;
import static io.helmdeck.release.support.ReleaseApi.newTenant;
import static io.helmdeck.support.testing.OpenApiLint.nullable;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.release.support.ReleaseRows;
import io.helmdeck.support.testing.OpenApiLint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Lints release-service's public OpenAPI document (ADR 0020) with the shared {@link OpenApiLint}: every defect
 * class that once broke generated clients fails here, and the document must equal the committed docs/api copy the
 * client is generated from. What follows each shared check is what only this service's document has.
 */
@QuarkusTest
class ReleaseOpenApiLintTest {

    private static final Set<String> OTHER_SERVICES_SCHEMAS = Set.of("OciRepository", "OciRepositoryRequest",
            "OciRepositoryStatus", "OciRepositoryList", "SyncHistory", "SyncAttempt", "TagList", "RegistryAuth",
            "RepositoryTestResult", "Artifact", "CredentialRotation", "SyncTask", "ClaimRequest", "SourceEvent");

    private static OpenApiLint lint;

    /** Fetched once, when the first test runs (the application is up by then, not yet in a static @BeforeAll). */
    @BeforeEach
    void fetch() throws IOException {
        if (lint == null) {
            lint = OpenApiLint.fetch("release-service");
        }
    }

    @Test
    void theCommittedCopyTheClientIsGeneratedFromIsCurrent() throws IOException {
        lint.assertCommittedCopyIsCurrent();
    }

    @Test
    void theGeneratorsParserFindsNoErrors() {
        lint.assertGeneratorsParserFindsNoErrors();
    }

    @Test
    void everyOperationHasAUniqueReadableOperationId() {
        assertThat(lint.assertUniqueReadableOperationIds()).contains("listHelmReleases", "getHelmReleaseManifest",
                "getHelmReleaseDiff", "patchHelmRelease", "rollbackHelmRelease");
    }

    @Test
    void onlyThePublicApiAndOnlyThisServicesModels() {
        lint.assertOnlyPublicApiAndOwnModels(Set.of("HelmRelease", "HelmReleaseRequest", "HelmReleasePatch",
                "ReleaseDiff", "Problem"), OTHER_SERVICES_SCHEMAS);
    }

    @Test
    void noRefCarriesSiblingKeywords() {
        lint.assertNoRefSiblingsAndReadOnlyServerFields("HelmRelease");
    }

    @Test
    void everyErrorIsProblemJsonAndEveryBodyDeclared() {
        lint.assertErrorsAreProblemJsonAndBodiesDeclared();
        assertThat(lint.operations().get("get /api/v1/tenants/{tenant}/helm-releases/{name}/diff")
                .path("responses").path("200").path("content").path("application/json").path("schema")
                .path("$ref").asText()).endsWith("/ReleaseDiff");
    }

    @Test
    void oneBearerSchemeServersAndDeclaredParameters() {
        lint.assertOneBearerSchemeServersAndDeclaredParameters();
        JsonNode phase = lint.parameter("get /api/v1/tenants/{tenant}/helm-releases", "phase");
        assertThat(phase.path("schema").path("enum").size()).isPositive();
    }

    @Test
    void nullableFieldsAndTypedBodies() {
        // Condition is written with its nulls; HelmReleaseStatus omits them (NON_NULL): optional, never null.
        JsonNode condition = lint.schema("Condition").path("properties");
        for (String field : List.of("message", "lastTransitionTime", "reason")) {
            assertThat(nullable(condition.path(field))).as("Condition." + field).isTrue();
        }
        assertThat(nullable(lint.schema("HelmReleaseStatus").path("properties").path("phase"))).isFalse();
        assertThat(lint.schema("HelmReleaseStatus").has("required")).isFalse();
        JsonNode patch = lint.operations().get("patch /api/v1/tenants/{tenant}/helm-releases/{name}")
                .path("requestBody").path("content").path("application/merge-patch+json").path("schema");
        assertThat(patch.path("$ref").asText()).endsWith("/HelmReleasePatch");
        JsonNode values = lint.schema("HelmReleasePatch").path("properties").path("values");
        assertThat(nullable(values)).isTrue();
        assertThat(lint.schema("HelmReleasePatch").has("required")).isFalse();
    }

    @Test
    void theProblemTypeExampleIsWhatResponsesCarry() {
        String real = json().body("{\"name\":\"UPPER\"}").post(base(newTenant())).then().statusCode(422)
                .extract().path("type");
        assertThat(lint.schema("Problem").path("properties").path("type").path("examples").get(0).asText())
                .isEqualTo(real);
    }

    /** What openapi-generator's Java clients send for the manifest: problem+json first, YAML after. */
    @Test
    void aClientAcceptingProblemJsonAndYamlGetsTheManifest() {
        String tenant = newTenant();
        createMinimal(tenant, "web");
        long id = ReleaseRows.releaseId(tenant, "web");
        ReleaseRows.insertRevision(id, 1, "deployed");
        ReleaseRows.markDeployed(id, 1);
        for (String accept : List.of("application/problem+json, application/yaml",
                "application/yaml, application/problem+json", "application/yaml")) {
            Response response = given().accept(accept).get(base(tenant) + "/web/manifest");
            assertThat(response.statusCode()).as(accept).isEqualTo(200);
            assertThat(response.contentType()).as(accept).startsWith("application/yaml");
            assertThat(response.asString()).contains("# manifest-1");
        }
        Response missing = given().accept("application/problem+json, application/yaml")
                .get(base(tenant) + "/nope/manifest");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }
}
