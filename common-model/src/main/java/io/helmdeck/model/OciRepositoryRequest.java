package io.helmdeck.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of create (POST) and full replace (PUT) of an OCI repository. Absent fields take their defaults.
 * The read-only fields of a GET answer are accepted and ignored, so a client can send back what it read.
 */
@JsonIgnoreProperties(value = {"tenant", "createdAt", "updatedAt", "status"}, allowGetters = false)
@Schema(name = "OciRepositoryRequest", description = "An OCI repository as written by a client")
public record OciRepositoryRequest(
        @Schema(description = "DNS-1123 label, unique per tenant, immutable", maxLength = 63, required = true,
                example = "podinfo") String name,
        @Schema(description = "oci://host[:port]/path, without tag, digest or credentials", required = true,
                example = "oci://ghcr.io/stefanprodan/charts/podinfo") String url,
        @Schema(description = "Sync interval, MM:SS between 00:10 and 59:59; a Go duration such as `5m` is accepted",
                defaultValue = "05:00", example = "05:00") String interval,
        OciRepositoryRef ref,
        LayerSelector layerSelector,
        RegistryAuth auth,
        @Schema(description = "Allow plain HTTP", defaultValue = "false") Boolean insecure,
        @Schema(description = "PEM bundle trusted in addition to the system roots") String caCertificate,
        @Schema(description = "Per-sync timeout, Go duration between 1s and 1h", defaultValue = "60s", example = "60s")
        String timeout,
        @Schema(description = "No syncs while true", defaultValue = "false") Boolean suspend,
        @Schema(maxLength = 1024) String description,
        Map<String, String> labels,
        @Schema(description = "For PUT: the version you read; a stale one gets 409") Long version) {
}
