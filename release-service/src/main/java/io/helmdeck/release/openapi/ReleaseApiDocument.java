package io.helmdeck.release.openapi;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.helmdeck.support.openapi.ApiDocumentRules;

import io.helmdeck.model.value.DnsLabel;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Shapes release-service's public OpenAPI document into what client generators need (ADR 0020): see
 * {@link ApiDocumentRules} for the rules, which are the same in every service.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ReleaseApiDocument implements OASFilter {

    private static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    /** Readable, stable path-parameter patterns; the service checks the same rules (PathParams). */
    private static final Map<String, ApiDocumentRules.PathParameter> PATH_PARAMETERS = Map.of(
            "tenant", new ApiDocumentRules.PathParameter(DNS_LABEL, DnsLabel.MAX_TENANT, "Tenant, a DNS-1123 label"),
            "name", new ApiDocumentRules.PathParameter(DNS_LABEL, DnsLabel.MAX_RELEASE_NAME,
                    "Name of the Helm release, a DNS-1123 label of at most 53 characters (Helm's limit)"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        new ApiDocumentRules("http://localhost:8082", PATH_PARAMETERS, List.of("io.helmdeck.model"))
                .apply(openAPI);
    }
}
