package io.helmdeck.release.openapi;

import static io.helmdeck.release.support.ReleaseApi.base;
import static io.helmdeck.release.support.ReleaseApi.createMinimal;
import static io.helmdeck.release.support.ReleaseApi.json;
import static io.helmdeck.release.support.ReleaseApi.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.release.support.ReleaseRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Lints release-service's public OpenAPI document (ADR 0020): every defect class that once broke generated
 * clients fails here, and the document must equal the committed docs/api copy the client is generated from.
 */
@QuarkusTest
class ReleaseOpenApiLintTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path COMMITTED = Path.of("..", "docs", "api", "release-service.openapi.json");
    private static final Set<String> OTHER_SERVICES_SCHEMAS = Set.of("OciRepository", "OciRepositoryRequest",
            "OciRepositoryStatus", "OciRepositoryList", "SyncHistory", "SyncAttempt", "TagList", "RegistryAuth",
            "RepositoryTestResult", "Artifact", "CredentialRotation", "SyncTask", "ClaimRequest", "SourceEvent");

    private static String text;
    private static JsonNode doc;

    /** Fetched once, when the first test runs (the application is up by then, not yet in a static @BeforeAll). */
    @BeforeEach
    void fetch() throws IOException {
        if (doc != null) {
            return;
        }
        text = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        doc = MAPPER.readTree(text);
        Path target = Path.of("target", "openapi", "release-service.openapi.json");
        Files.createDirectories(target.getParent());
        Files.writeString(target, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
        if (Boolean.getBoolean("helmdeck.openapi.update")) {
            Files.copy(target, COMMITTED, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void theCommittedCopyTheClientIsGeneratedFromIsCurrent() throws IOException {
        assertThat(MAPPER.readTree(Files.readString(COMMITTED)))
                .as("docs/api/release-service.openapi.json is stale: run this test with -Dhelmdeck.openapi.update=true")
                .isEqualTo(doc);
    }

    @Test
    void theGeneratorsParserFindsNoErrors() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void everyOperationHasAUniqueReadableOperationId() {
        Set<String> ids = new HashSet<>();
        operations().forEach((where, operation) -> {
            String id = operation.path("operationId").asText("");
            assertThat(id).as(where).matches("[a-z]+[A-Z][A-Za-z]+");
            assertThat(ids.add(id)).as("duplicate " + id).isTrue();
        });
        assertThat(ids).contains("listHelmReleases", "getHelmReleaseManifest", "getHelmReleaseDiff",
                "patchHelmRelease", "rollbackHelmRelease");
    }

    @Test
    void onlyThePublicApiAndOnlyThisServicesModels() {
        doc.path("paths").fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/api/v1/"));
        Set<String> schemas = new HashSet<>();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(schemas::add);
        assertThat(schemas).contains("HelmRelease", "HelmReleaseRequest", "HelmReleasePatch", "ReleaseDiff", "Problem")
                .doesNotContainAnyElementsOf(OTHER_SERVICES_SCHEMAS);
        Set<String> referenced = new HashSet<>();
        walk(doc, node -> {
            if (node.has("$ref")) {
                referenced.add(node.get("$ref").asText().replace("#/components/schemas/", ""));
            }
        });
        assertThat(referenced).as("every schema is used").containsAll(schemas);
    }

    @Test
    void noRefCarriesSiblingKeywords() {
        List<String> offenders = new ArrayList<>();
        walk(doc, node -> {
            if (node.has("$ref") && node.size() > 1) {
                offenders.add(node.toString());
            }
        });
        assertThat(offenders).isEmpty();
        JsonNode release = schema("HelmRelease").path("properties");
        for (String field : List.of("createdAt", "updatedAt", "status", "version", "tenant")) {
            assertThat(release.path(field).path("readOnly").asBoolean()).as(field + " readOnly").isTrue();
        }
    }

    @Test
    void everyErrorIsProblemJsonAndEveryBodyDeclared() {
        operations().forEach((where, operation) -> {
            JsonNode responses = operation.path("responses");
            List<String> expected = new ArrayList<>(List.of("400", "401", "404", "406", "500"));
            if (operation.has("requestBody")) {
                expected.addAll(List.of("413", "415", "422"));
            }
            if (!where.startsWith("get ")) {
                expected.add("403");
            }
            expected.forEach(code -> assertThat(responses.has(code)).as(where + " declares " + code).isTrue());
            responses.fields().forEachRemaining(response -> {
                String code = response.getKey();
                JsonNode content = response.getValue().path("content");
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertThat(content.path("application/problem+json").path("schema").path("$ref").asText())
                            .as(where + " " + code).isEqualTo("#/components/schemas/Problem");
                } else if (!code.equals("204") && !code.equals("304")) {
                    assertThat(content.isEmpty()).as(where + " " + code + " declares its body").isFalse();
                    content.forEach(media -> assertThat(media.has("schema")).as(where + " " + code).isTrue());
                }
            });
        });
        assertThat(operations().get("get /api/v1/tenants/{tenant}/helm-releases/{name}/diff")
                .path("responses").path("200").path("content").path("application/json").path("schema")
                .path("$ref").asText()).endsWith("/ReleaseDiff");
    }

    @Test
    void oneBearerSchemeServersAndDeclaredParameters() {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.size()).isEqualTo(1);
        assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.path("security").get(0).has("bearer")).isTrue();
        assertThat(doc.path("servers").size()).isPositive();
        operations().forEach((where, operation) -> {
            List<String> pathOrder = new ArrayList<>();
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(where);
            while (names.find()) {
                pathOrder.add(names.group(1));
            }
            List<String> declared = new ArrayList<>();
            operation.path("parameters").forEach(parameter -> declared.add(parameter.path("name").asText()));
            assertThat(declared.subList(0, Math.min(pathOrder.size(), declared.size())))
                    .as(where + ": path parameters first, in path order (generated methods take them so)")
                    .isEqualTo(pathOrder);
        });
        operations().forEach((where, operation) -> operation.path("parameters").forEach(parameter -> {
            JsonNode schema = parameter.path("schema");
            assertThat(schema.has("type")).as(where + " " + parameter.path("name")).isTrue();
            if (parameter.path("in").asText().equals("path")) {
                assertThat(schema.path("pattern").asText()).as(where + " " + parameter.path("name")).isNotEmpty();
            }
        }));
        JsonNode phase = parameter("get /api/v1/tenants/{tenant}/helm-releases", "phase");
        assertThat(phase.path("schema").path("enum").size()).isPositive();
    }

    @Test
    void nullableFieldsAndTypedBodies() {
        // Condition is written with its nulls; HelmReleaseStatus omits them (NON_NULL): optional, never null.
        JsonNode condition = schema("Condition").path("properties");
        for (String field : List.of("message", "lastTransitionTime", "reason")) {
            assertThat(nullable(condition.path(field))).as("Condition." + field).isTrue();
        }
        assertThat(nullable(schema("HelmReleaseStatus").path("properties").path("phase"))).isFalse();
        assertThat(schema("HelmReleaseStatus").has("required")).isFalse();
        JsonNode patch = operations().get("patch /api/v1/tenants/{tenant}/helm-releases/{name}")
                .path("requestBody").path("content").path("application/merge-patch+json").path("schema");
        assertThat(patch.path("$ref").asText()).endsWith("/HelmReleasePatch");
        JsonNode values = schema("HelmReleasePatch").path("properties").path("values");
        assertThat(nullable(values)).isTrue();
        assertThat(schema("HelmReleasePatch").has("required")).isFalse();
    }

    @Test
    void theProblemTypeExampleIsWhatResponsesCarry() {
        String real = json().body("{\"name\":\"UPPER\"}").post(base(newTenant())).then().statusCode(422)
                .extract().path("type");
        assertThat(schema("Problem").path("properties").path("type").path("examples").get(0).asText())
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

    private static boolean nullable(JsonNode schema) {
        if (schema.path("type").isArray()) {
            for (JsonNode type : schema.path("type")) {
                if (type.asText().equals("null")) {
                    return true;
                }
            }
        }
        for (JsonNode option : schema.path("anyOf")) {
            if (option.path("type").asText().equals("null")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode schema(String name) {
        return doc.path("components").path("schemas").path(name);
    }

    private static JsonNode parameter(String operation, String name) {
        for (JsonNode parameter : operations().get(operation).path("parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError(operation + " has no parameter " + name);
    }

    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new java.util.TreeMap<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "patch", "delete", "head").contains(method.getKey())) {
                operations.put(method.getKey() + " " + path.getKey(), method.getValue());
            }
        }));
        return operations;
    }

    private static void walk(JsonNode node, java.util.function.Consumer<JsonNode> visitor) {
        if (node.isObject()) {
            visitor.accept(node);
        }
        node.forEach(child -> walk(child, visitor));
    }
}
