package io.helmdeck.sync.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * sync-worker has no public API (ADR 0020): its only endpoints, the registry probes, are internal to repo-service
 * and are not scanned. This keeps the document honest about it: no paths, no schemas of other services' records
 * (common-model is indexed for the probes), no security scheme nothing uses.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class SyncApiDocument implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null) {
            List.copyOf(openAPI.getPaths().getPathItems().keySet()).stream()
                    .filter(path -> !path.startsWith("/api/"))
                    .forEach(openAPI.getPaths()::removePathItem);
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems().isEmpty()) {
            openAPI.setComponents(OASFactory.createComponents());
            openAPI.setSecurity(null);
        }
        openAPI.setServers(List.of(OASFactory.createServer().url("http://localhost:8083")
                .description("Default address of a local run; in a cluster, the service's own address")));
    }
}
