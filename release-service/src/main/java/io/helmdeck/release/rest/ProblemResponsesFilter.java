package io.helmdeck.release.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Documents the error responses every API operation can give (problem+json), so the OpenAPI document lists
 * them without repeating the same annotations on every method.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final Map<String, String> ALWAYS = Map.of(
            "400", "Malformed path, query or body",
            "404", "No such tenant record or route",
            "500", "Unexpected failure (logged with the id in `detail`)");
    private static final Map<String, String> WITH_BODY = Map.of(
            "413", "Body larger than the configured limit (default 1 MiB)",
            "415", "Wrong content type",
            "422", "Semantically invalid: see `violations`");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
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
