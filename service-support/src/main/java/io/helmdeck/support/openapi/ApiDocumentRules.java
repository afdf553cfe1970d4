package io.helmdeck.support.openapi;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The rules every public Helmdeck OpenAPI document follows (ADR 0020), applied to the model SmallRye scanned:
 * only {@code /api/} paths; one bearer scheme; a server; declared path-parameter patterns; every error a client
 * can get declared as problem+json; no {@code $ref} with sibling keywords (generators drop the siblings, so
 * {@code readOnly} and descriptions were lost); nullable wherever the server writes {@code null}; a typed
 * merge-patch body; binary downloads; and no schema the document does not use (common-model holds the records
 * of every service, and SmallRye documents each one it indexes). Shared by every service;
 * each passes only its server, path parameters and model packages.
 */
public final class ApiDocumentRules {

    /** How a path parameter is declared. */
    public record PathParameter(String pattern, int maxLength, String description) {
    }

    static final String PROBLEM_JSON = "application/problem+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String BEARER = "bearer";
    /** What real responses carry: {@code urn:helmdeck:problem:<slug>} (ProblemException). */
    static final String PROBLEM_TYPE_EXAMPLE = "urn:helmdeck:problem:validation";
    private static final String PUBLIC_PREFIX = "/api/";
    private static final String REF_PREFIX = "#/components/schemas/";
    private static final Set<SchemaType> SCALARS = Set.of(SchemaType.STRING, SchemaType.INTEGER,
            SchemaType.NUMBER, SchemaType.BOOLEAN);

    private final String serverUrl;
    private final Map<String, PathParameter> pathParameters;
    private final List<String> modelPackages;

    public ApiDocumentRules(String serverUrl, Map<String, PathParameter> pathParameters, List<String> modelPackages) {
        this.serverUrl = serverUrl;
        this.pathParameters = pathParameters;
        this.modelPackages = modelPackages;
    }

    public void apply(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        if (api.getPaths() == null) {
            api.setPaths(OASFactory.createPaths());
        }
        publicPathsOnly(api);
        api.setServers(List.of(OASFactory.createServer().url(serverUrl)
                .description("Default address of a local run; in a cluster, the service's own address")));
        oneBearerScheme(api);
        Map<String, Schema> schemas = schemas(api);
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            declarePathParameters(item, operation);
            pathParametersInPathOrder(path, operation);
            declareProblems(method, operation);
            declareBinaryDownloads(operation);
        }));
        problemTypeExample(schemas);
        for (Schema schema : everySchema(api)) {
            replaceRefWithSiblings(schema, schemas);
        }
        schemas.forEach(this::declareNullable);
        api.getPaths().getPathItems().values().forEach(item -> typeMergePatch(item, api.getComponents()));
        pruneUnused(api);
    }

    private static void publicPathsOnly(OpenAPI api) {
        for (String path : List.copyOf(api.getPaths().getPathItems().keySet())) {
            if (!path.startsWith(PUBLIC_PREFIX)) {
                api.getPaths().removePathItem(path);
            }
        }
    }

    private static void oneBearerScheme(OpenAPI api) {
        Components components = api.getComponents();
        if (components.getSecuritySchemes() != null) {
            List.copyOf(components.getSecuritySchemes().keySet()).forEach(components::removeSecurityScheme);
        }
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT from the configured issuer (ADR 0013): claim `tenants` lists the tenants the "
                        + "caller may use; `groups` may hold `admin` (every tenant) or `viewer` (read only)."));
        api.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
        // Operation-level requirements would name the scheme Quarkus adds for @RolesAllowed; the global one holds.
        api.getPaths().getPathItems().values()
                .forEach(item -> item.getOperations().values().forEach(operation -> operation.setSecurity(null)));
    }

    private void declarePathParameters(PathItem item, Operation operation) {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        for (Parameter parameter : parameters) {
            PathParameter rule = pathParameters.get(parameter.getName());
            if (parameter.getIn() == Parameter.In.PATH && rule != null) {
                parameter.setSchema(OASFactory.createSchema().addType(SchemaType.STRING).pattern(rule.pattern())
                        .maxLength(rule.maxLength()));
                parameter.setDescription(rule.description());
                parameter.setExample(null);
            } else if (parameter.getSchema() != null && parameter.getSchema().getEnumeration() != null
                    && parameter.getSchema().getType() == null) {
                parameter.getSchema().addType(SchemaType.STRING);
            }
        }
    }

    /**
     * Generated methods take parameters in the document's order, and SmallRye sorts them by name: {@code (name,
     * tenant)} would invite swapped arguments. Path parameters go first, in the order the path names them.
     */
    private static void pathParametersInPathOrder(String path, Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        List<Parameter> ordered = new ArrayList<>(operation.getParameters());
        ordered.sort(Comparator.comparingInt(parameter -> parameter.getIn() == Parameter.In.PATH
                ? path.indexOf("{" + parameter.getName() + "}") : Integer.MAX_VALUE));
        operation.setParameters(ordered);
    }

    private static void declareProblems(PathItem.HttpMethod method, Operation operation) {
        problem(operation, "400", "Malformed path, query or body");
        problem(operation, "401", "No bearer token, or one that is expired, badly signed, or for another issuer or "
                + "audience");
        problem(operation, "404", "No such record, or a tenant the token does not list (the two are "
                + "indistinguishable)");
        problem(operation, "500", "Unexpected failure (logged with the id in `detail`)");
        // Every resource declares what it produces, so even a bodiless answer (204) is negotiated first.
        problem(operation, "406", "`Accept` names none of the media types this operation answers");
        if (operation.getRequestBody() != null) {
            problem(operation, "413", "Body larger than the configured limit (default 1 MiB)");
            problem(operation, "415", "Wrong content type");
            problem(operation, "422", "Semantically invalid: see `violations`");
        }
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
            problem(operation, "403", "The token's `viewer` role only reads");
        }
        // Every error the operation already declares: problem+json with the Problem schema.
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(problemContent());
            }
        });
    }

    private static void problem(Operation operation, String code, String description) {
        if (!operation.getResponses().hasAPIResponse(code)) {
            operation.getResponses().addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                    .content(problemContent()));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(PROBLEM_JSON,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
    }

    /** A byte stream is {@code format: binary}, so generators hand out a stream or file, not a string. */
    private static void declareBinaryDownloads(Operation operation) {
        for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
            if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
                continue;
            }
            MediaType octets = response.getContent().getMediaType("application/octet-stream");
            if (octets != null) {
                octets.setSchema(OASFactory.createSchema().addType(SchemaType.STRING).format("binary"));
            }
        }
    }

    private static void problemTypeExample(Map<String, Schema> schemas) {
        Schema problem = schemas.get("Problem");
        if (problem == null || problem.getProperties() == null || problem.getProperties().get("type") == null) {
            return;
        }
        Schema type = problem.getProperties().get("type");
        type.setExamples(List.of(PROBLEM_TYPE_EXAMPLE));
        type.setDescription("URN naming the problem type, `urn:helmdeck:problem:<slug>`");
    }

    /**
     * A {@code $ref} next to other keywords: a reference to a scalar (e.g. {@code Instant}) is inlined, any other
     * moves into {@code allOf} so {@code readOnly}, {@code description} and the like stay where generators read them.
     */
    private static void replaceRefWithSiblings(Schema schema, Map<String, Schema> schemas) {
        String ref = schema.getRef();
        if (ref == null) {
            return;
        }
        Schema target = schemas.get(ref.substring(REF_PREFIX.length()));
        if (target != null && isScalar(target)) {
            Map<String, Object> merged = new LinkedHashMap<>(target.getAll());
            schema.getAll().forEach((key, value) -> {
                if (!"$ref".equals(key) && !"type".equals(key)) {
                    merged.put(key, value);
                }
            });
            schema.setAll(merged);
            schema.setType(new ArrayList<>(target.getType()));
            return;
        }
        if (schema.getAll().size() > 1) {
            schema.setRef(null);
            schema.setType(null);
            schema.setAllOf(List.of(OASFactory.createSchema().ref(ref)));
        }
    }

    private static boolean isScalar(Schema schema) {
        return schema.getType() != null && !schema.getType().isEmpty() && SCALARS.containsAll(schema.getType())
                && schema.getProperties() == null;
    }

    /** Properties the server writes as {@code null}: non-primitive components of records without NON_NULL. */
    private void declareNullable(String name, Schema schema) {
        Class<?> type = modelClass(name);
        if (type == null || !type.isRecord() || schema.getProperties() == null || omitsNulls(type.getAnnotation(
                JsonInclude.class))) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Schema property = schema.getProperties().get(component.getName());
            if (property == null || component.getType().isPrimitive()) {
                continue;
            }
            Field field = field(type, component.getName());
            if (field != null && omitsNulls(field.getAnnotation(JsonInclude.class))) {
                continue;
            }
            makeNullable(property);
        }
    }

    private static boolean omitsNulls(JsonInclude include) {
        return include != null && include.value() != JsonInclude.Include.ALWAYS
                && include.value() != JsonInclude.Include.USE_DEFAULTS;
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private Class<?> modelClass(String name) {
        for (String pkg : modelPackages) {
            try {
                return Class.forName(pkg + "." + name, false, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                // not in this package: try the next
            }
        }
        return null;
    }

    /** OpenAPI 3.1: {@code null} joins the type list; a reference becomes {@code anyOf [ref, null]}. */
    static void makeNullable(Schema schema) {
        if (schema.getRef() != null) {
            String ref = schema.getRef();
            schema.setRef(null);
            schema.setAnyOf(List.of(OASFactory.createSchema().ref(ref), nullSchema()));
        } else if (schema.getAllOf() != null && schema.getAllOf().size() == 1 && schema.getAllOf().get(0).getRef() != null) {
            Schema ref = schema.getAllOf().get(0);
            schema.setAllOf(null);
            schema.setAnyOf(List.of(ref, nullSchema()));
        } else if (schema.getType() != null && !schema.getType().isEmpty()
                && !schema.getType().contains(SchemaType.NULL)) {
            List<SchemaType> types = new ArrayList<>(schema.getType());
            types.add(SchemaType.NULL);
            schema.setType(types);
        }
    }

    private static Schema nullSchema() {
        return OASFactory.createSchema().addType(SchemaType.NULL);
    }

    /**
     * A merge patch is typed as the PUT body of the same path with every field optional and nullable ({@code null}
     * removes a field): {@code OciRepositoryRequest} gives {@code OciRepositoryPatch}.
     */
    private static void typeMergePatch(PathItem item, Components components) {
        if (item.getPATCH() == null || item.getPUT() == null || item.getPATCH().getRequestBody() == null
                || item.getPUT().getRequestBody() == null) {
            return;
        }
        MediaType patchBody = item.getPATCH().getRequestBody().getContent().getMediaType(MERGE_PATCH);
        MediaType putBody = item.getPUT().getRequestBody().getContent()
                .getMediaType("application/json");
        if (patchBody == null || putBody == null || putBody.getSchema() == null || putBody.getSchema().getRef() == null) {
            return;
        }
        String requestName = putBody.getSchema().getRef().substring(REF_PREFIX.length());
        Schema request = components.getSchemas().get(requestName);
        String patchName = requestName.replaceAll("Request$", "") + "Patch";
        Schema patch = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("JSON merge patch (RFC 7396) of a `" + requestName + "`: a field present replaces the "
                        + "stored one, `null` removes it (it then takes its default), an absent field is kept.");
        request.getProperties().forEach((name, property) -> {
            Schema copy = OASFactory.createSchema();
            copy.setAll(new LinkedHashMap<>(property.getAll()));
            if (copy.getType() != null) {
                copy.setType(new ArrayList<>(copy.getType()));
            }
            copy.setDefaultValue(null);
            makeNullable(copy);
            patch.addProperty(name, copy);
        });
        components.addSchema(patchName, patch);
        patchBody.setSchema(OASFactory.createSchema().ref(patchName));
    }

    private static void pruneUnused(OpenAPI api) {
        Map<String, Schema> schemas = schemas(api);
        Set<String> used = new HashSet<>();
        Deque<Schema> pending = new ArrayDeque<>(operationSchemas(api));
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null && schema.getRef().startsWith(REF_PREFIX)) {
                String name = schema.getRef().substring(REF_PREFIX.length());
                if (used.add(name) && schemas.containsKey(name)) {
                    pending.push(schemas.get(name));
                }
            }
            pending.addAll(children(schema));
        }
        for (String name : List.copyOf(schemas.keySet())) {
            if (!used.contains(name)) {
                api.getComponents().removeSchema(name);
            }
        }
    }

    private static Map<String, Schema> schemas(OpenAPI api) {
        if (api.getComponents().getSchemas() == null) {
            api.getComponents().setSchemas(new LinkedHashMap<>());
        }
        return api.getComponents().getSchemas();
    }

    /** Every schema object of the document, nested ones included. */
    private static List<Schema> everySchema(OpenAPI api) {
        List<Schema> all = new ArrayList<>();
        Deque<Schema> pending = new ArrayDeque<>(operationSchemas(api));
        pending.addAll(schemas(api).values());
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            all.add(schema);
            pending.addAll(children(schema));
        }
        return all;
    }

    private static List<Schema> operationSchemas(OpenAPI api) {
        List<Schema> found = new ArrayList<>();
        api.getPaths().getPathItems().values().forEach(item -> {
            if (item.getParameters() != null) {
                item.getParameters().forEach(parameter -> addIfPresent(found, parameter.getSchema()));
            }
            item.getOperations().values().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> addIfPresent(found, parameter.getSchema()));
                }
                if (operation.getRequestBody() != null) {
                    addContent(found, operation.getRequestBody().getContent());
                }
                operation.getResponses().getAPIResponses().values()
                        .forEach(response -> addContent(found, response.getContent()));
            });
        });
        return found;
    }

    private static void addContent(List<Schema> found, Content content) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(mediaType -> addIfPresent(found, mediaType.getSchema()));
        }
    }

    private static List<Schema> children(Schema schema) {
        List<Schema> children = new ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll(schema.getProperties().values());
        }
        addIfPresent(children, schema.getItems());
        addIfPresent(children, schema.getAdditionalPropertiesSchema());
        addIfPresent(children, schema.getNot());
        Stream.of(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()).filter(Objects::nonNull)
                .forEach(children::addAll);
        return children;
    }

    private static void addIfPresent(List<Schema> list, Schema schema) {
        if (schema != null) {
            list.add(schema);
        }
    }
}
