package io.helmdeck.model;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An OCI repository as returned by the API: its spec with defaults applied, and its status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "OciRepository", description = "An OCI repository with its defaults applied and its status")
public record OciRepository(
        @Schema(readOnly = true) String tenant,
        String name,
        String url,
        @Schema(example = "05:00") String interval,
        OciRepositoryRef ref,
        LayerSelector layerSelector,
        RegistryAuthView auth,
        boolean insecure,
        String caCertificate,
        @Schema(example = "60s") String timeout,
        boolean suspend,
        String description,
        Map<String, String> labels,
        @Schema(readOnly = true, description = "Changes on every spec change; also the ETag") long version,
        @Schema(readOnly = true) Instant createdAt,
        @Schema(readOnly = true) Instant updatedAt,
        @Schema(readOnly = true) OciRepositoryStatus status) {
}
