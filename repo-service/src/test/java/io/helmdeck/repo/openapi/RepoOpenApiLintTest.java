package io.helmdeck.repo.openapi;

import static io.helmdeck.repo.support.RepoApi.base;
import static io.helmdeck.repo.support.RepoApi.json;
import static io.helmdeck.repo.support.RepoApi.newTenant;
import static io.helmdeck.support.testing.OpenApiLint.nullable;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.OpenApiLint;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Lints repo-service's public OpenAPI document (ADR 0020) with the shared {@link OpenApiLint}: every defect class
 * that once broke generated clients fails here, and the document must equal the committed docs/api copy the client
 * is generated from. What follows each shared check is what only this service's document has.
 */
@QuarkusTest
class RepoOpenApiLintTest {

    private static final Set<String> OTHER_SERVICES_SCHEMAS = Set.of("HelmRelease", "HelmReleaseRequest",
            "HelmReleaseStatus", "HelmReleaseList", "ReleaseDiff", "ReleaseHistory", "ReleaseRevision", "InstallSpec",
            "UpgradeSpec", "Remediation", "InventoryEntry", "RollbackRequest", "SyncTask", "ClaimRequest",
            "SourceEvent");

    private static OpenApiLint lint;

    /** Fetched once, when the first test runs (the application is up by then, not yet in a static @BeforeAll). */
    @BeforeEach
    void fetch() throws IOException {
        if (lint == null) {
            lint = OpenApiLint.fetch("repo-service");
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
        assertThat(lint.assertUniqueReadableOperationIds()).contains("listOciRepositories", "getOciRepository",
                "patchOciRepository", "getArtifact", "rotateCredentials", "testOciRepository");
    }

    @Test
    void onlyThePublicApiAndOnlyThisServicesModels() {
        lint.assertOnlyPublicApiAndOwnModels(Set.of("OciRepository", "OciRepositoryRequest", "OciRepositoryPatch",
                "Problem"), OTHER_SERVICES_SCHEMAS);
    }

    @Test
    void noRefCarriesSiblingKeywords() {
        lint.assertNoRefSiblingsAndReadOnlyServerFields("OciRepository");
    }

    @Test
    void everyErrorIsProblemJsonAndEveryBodyDeclared() {
        lint.assertErrorsAreProblemJsonAndBodiesDeclared();
        JsonNode download = lint.operations().get("get /api/v1/artifacts/{digest}").path("responses").path("200")
                .path("content").path("application/octet-stream").path("schema");
        assertThat(download.path("type").asText()).isEqualTo("string");
        assertThat(download.path("format").asText()).isEqualTo("binary");
    }

    @Test
    void oneBearerSchemeServersAndDeclaredParameters() {
        lint.assertOneBearerSchemeServersAndDeclaredParameters();
        JsonNode phase = lint.parameter("get /api/v1/tenants/{tenant}/oci-repositories", "status");
        assertThat(phase.path("schema").path("enum").size()).isPositive();
    }

    @Test
    void nullableFieldsAndTypedBodies() {
        JsonNode status = lint.schema("OciRepositoryStatus").path("properties");
        for (String field : List.of("artifact", "lastSyncAt", "lastSuccessAt", "nextSyncAt", "observedVersion")) {
            assertThat(nullable(status.path(field))).as("OciRepositoryStatus." + field).isTrue();
        }
        assertThat(nullable(status.path("consecutiveFailures"))).as("a primitive is never null").isFalse();
        JsonNode patch = lint.operations().get("patch /api/v1/tenants/{tenant}/oci-repositories/{name}")
                .path("requestBody").path("content").path("application/merge-patch+json").path("schema");
        assertThat(patch.path("$ref").asText()).endsWith("/OciRepositoryPatch");
        JsonNode interval = lint.schema("OciRepositoryPatch").path("properties").path("interval");
        assertThat(nullable(interval)).isTrue();
        assertThat(interval.has("default")).as("an absent field is kept, not defaulted").isFalse();
        assertThat(lint.schema("OciRepositoryPatch").has("required")).isFalse();
    }

    @Test
    void theProblemTypeExampleIsWhatResponsesCarry() {
        String real = json().body("{\"name\":\"UPPER\",\"url\":\"oci://r.example.com/c\"}")
                .post(base(newTenant())).then().statusCode(422).extract().path("type");
        assertThat(lint.schema("Problem").path("properties").path("type").path("examples").get(0).asText())
                .isEqualTo(real);
    }
}
