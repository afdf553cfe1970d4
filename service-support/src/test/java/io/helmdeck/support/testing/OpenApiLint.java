package io.helmdeck.support.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The checks of ADR 0020 that every service's public OpenAPI document must pass, on the document the running test
 * application serves: each defect class that once broke generated clients, and equality with the committed
 * docs/api copy the clients are generated from. A service's lint test fetches it once and adds what only it has.
 */
public final class OpenApiLint {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete", "head");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)}");

    private final String file;
    private final String text;
    private final JsonNode doc;

    private OpenApiLint(String file, String text, JsonNode doc) {
        this.file = file;
        this.text = text;
        this.doc = doc;
    }

    /**
     * Fetches the running application's document and writes it to target/openapi/{service}.openapi.json; with
     * {@code -Dhelmdeck.openapi.update=true} also over the committed copy in docs/api.
     */
    public static OpenApiLint fetch(String service) throws IOException {
        String text = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .asString();
        JsonNode doc = MAPPER.readTree(text);
        String file = service + ".openapi.json";
        Path target = Path.of("target", "openapi", file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
        if (Boolean.getBoolean("helmdeck.openapi.update")) {
            Files.copy(target, committed(file), StandardCopyOption.REPLACE_EXISTING);
        }
        return new OpenApiLint(file, text, doc);
    }

    private static Path committed(String file) {
        return Path.of("..", "docs", "api", file);
    }

    public void assertCommittedCopyIsCurrent() throws IOException {
        assertThat(MAPPER.readTree(Files.readString(committed(file))))
                .as("docs/api/" + file + " is stale: run this test with -Dhelmdeck.openapi.update=true")
                .isEqualTo(doc);
    }

    public void assertGeneratorsParserFindsNoErrors() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    /** Every operationId is unique and camelCase (generated method names); answers them all. */
    public Set<String> assertUniqueReadableOperationIds() {
        Set<String> ids = new HashSet<>();
        operations().forEach((where, operation) -> {
            String id = operation.path("operationId").asText("");
            assertThat(id).as(where).matches("[a-z]+[A-Z][A-Za-z]+");
            assertThat(ids.add(id)).as("duplicate " + id).isTrue();
        });
        return ids;
    }

    /**
     * Only /api/v1 paths; the schemas include {@code own} and none of {@code otherServices}; every schema is
     * referenced.
     */
    public void assertOnlyPublicApiAndOwnModels(Set<String> own, Set<String> otherServices) {
        doc.path("paths").fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/api/v1/"));
        Set<String> schemas = new HashSet<>();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(schemas::add);
        assertThat(schemas).containsAll(own).doesNotContainAnyElementsOf(otherServices);
        Set<String> referenced = new HashSet<>();
        walk(doc, node -> {
            if (node.has("$ref")) {
                referenced.add(node.get("$ref").asText().replace("#/components/schemas/", ""));
            }
        });
        assertThat(referenced).as("every schema is used").containsAll(schemas);
    }

    /** No $ref has sibling keywords (generators drop them), and the server-set fields of {@code resource} are read-only. */
    public void assertNoRefSiblingsAndReadOnlyServerFields(String resource) {
        List<String> offenders = new ArrayList<>();
        walk(doc, node -> {
            if (node.has("$ref") && node.size() > 1) {
                offenders.add(node.toString());
            }
        });
        assertThat(offenders).isEmpty();
        JsonNode properties = schema(resource).path("properties");
        for (String field : List.of("createdAt", "updatedAt", "status", "version", "tenant")) {
            assertThat(properties.path(field).path("readOnly").asBoolean()).as(field + " readOnly").isTrue();
        }
    }

    /** Every operation declares its error answers as problem+json, and every other answer with a body its schema. */
    public void assertErrorsAreProblemJsonAndBodiesDeclared() {
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
    }

    /**
     * One bearer scheme applied globally, servers declared, path parameters first and in path order, every
     * parameter typed and every path parameter with a pattern.
     */
    public void assertOneBearerSchemeServersAndDeclaredParameters() {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.size()).isEqualTo(1);
        assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.path("security").get(0).has("bearer")).isTrue();
        assertThat(doc.path("servers").size()).isPositive();
        operations().forEach((where, operation) -> {
            List<String> pathOrder = new ArrayList<>();
            Matcher names = PATH_PARAMETER.matcher(where);
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
    }

    /** Whether a schema admits null, in either way OpenAPI 3.1 documents say so. */
    public static boolean nullable(JsonNode schema) {
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

    public JsonNode schema(String name) {
        return doc.path("components").path("schemas").path(name);
    }

    public JsonNode parameter(String operation, String name) {
        for (JsonNode parameter : operations().get(operation).path("parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError(operation + " has no parameter " + name);
    }

    /** The operations by "method path", e.g. "get /api/v1/artifacts/{digest}". */
    public Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.put(method.getKey() + " " + path.getKey(), method.getValue());
            }
        }));
        return operations;
    }

    private static void walk(JsonNode node, Consumer<JsonNode> visitor) {
        if (node.isObject()) {
            visitor.accept(node);
        }
        node.forEach(child -> walk(child, visitor));
    }
}
