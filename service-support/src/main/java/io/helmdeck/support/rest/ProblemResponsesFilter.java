package io.helmdeck.support.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Documents what every API operation shares, so the OpenAPI document lists it without repeating the same
 * annotations on every method: the bearer security scheme every operation requires, and the error responses
 * (problem+json) every operation can give.
 */
public class ProblemResponsesFilter implements OASFilter {

    static final String BEARER = "bearer";
    private static final Map<String, String> ALWAYS = Map.of(
            "400", "Malformed path, query or body",
            "401", "No bearer token, or one that is expired, badly signed, or for another issuer or audience",
            "404", "No such record, or a tenant the token does not list (the two are indistinguishable)",
            "500", "Unexpected failure (logged with the id in `detail`)");
    private static final Map<String, String> WITH_BODY = Map.of(
            "413", "Body larger than the configured limit (default 1 MiB)",
            "415", "Wrong content type",
            "422", "Semantically invalid: see `violations`");
    private static final String FORBIDDEN = "The token's `viewer` role only reads";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT from the configured issuer (ADR 0013): claim `tenants` lists the tenants the "
                        + "caller may use; `groups` may hold `admin` (every tenant) or `viewer` (read only)."));
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().forEach((method, operation) -> addProblems(method, operation));
            }
        });
    }

    private static void addProblems(PathItem.HttpMethod method, Operation operation) {
        ALWAYS.forEach((code, text) -> addIfMissing(operation, code, text));
        if (operation.getRequestBody() != null) {
            WITH_BODY.forEach((code, text) -> addIfMissing(operation, code, text));
        }
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
            addIfMissing(operation, "403", FORBIDDEN);
        }
    }

    private static void addIfMissing(Operation operation, String code, String description) {
        if (operation.getResponses().hasAPIResponse(code)) {
            return;
        }
        operation.getResponses().addAPIResponse(code, OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")))));
    }
}
