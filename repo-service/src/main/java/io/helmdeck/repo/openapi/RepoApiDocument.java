package io.helmdeck.repo.openapi;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.helmdeck.support.openapi.ApiDocumentRules;

import io.helmdeck.model.value.DnsLabel;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Shapes repo-service's public OpenAPI document into what client generators need (ADR 0020): see
 * {@link ApiDocumentRules} for the rules, which are the same in every service.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class RepoApiDocument implements OASFilter {

    private static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    /** Readable, stable path-parameter patterns; the services check the same rules (PathParams). */
    private static final Map<String, ApiDocumentRules.PathParameter> PATH_PARAMETERS = Map.of(
            "tenant", new ApiDocumentRules.PathParameter(DNS_LABEL, DnsLabel.MAX_TENANT,
                    "Tenant, a DNS-1123 label"),
            "name", new ApiDocumentRules.PathParameter(DNS_LABEL, DnsLabel.MAX_REPOSITORY_NAME,
                    "Name of the OCI repository, a DNS-1123 label"),
            "digest", new ApiDocumentRules.PathParameter("^sha256:[a-f0-9]{64}$", 71,
                    "Digest of a stored artifact, `status.artifact.digest` of an OCI repository"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        new ApiDocumentRules(
                "http://localhost:8081",
                PATH_PARAMETERS,
                List.of("io.helmdeck.model", "io.helmdeck.repo.service"))
                .apply(openAPI);
    }
}
