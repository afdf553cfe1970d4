package io.helmdeck.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of create (POST) and full replace (PUT) of a Helm release. Absent fields take their defaults.
 * The read-only fields of a GET answer are accepted and ignored, so a client can send back what it read.
 */
@JsonIgnoreProperties(value = {"tenant", "createdAt", "updatedAt", "status"}, allowGetters = false)
@Schema(name = "HelmReleaseRequest", description = "A Helm release as written by a client")
public record HelmReleaseRequest(
        @Schema(description = "DNS-1123 label, at most 53 characters, unique per tenant, immutable", maxLength = 53,
                required = true, example = "podinfo") String name,
        @Schema(description = "Kind of the source", enumeration = {"OCIRepository", "HelmRepository"}, required = true,
                example = "OCIRepository") String sourceType,
        @Schema(description = "Name of an OCI repository in the same tenant", required = true, example = "podinfo")
        String sourceName,
        @Schema(description = "Helm release name; defaults to name", maxLength = 53) String releaseName,
        @Schema(description = "Namespace the chart's objects go to; defaults to the tenant's namespace")
        String targetNamespace,
        @Schema(description = "Merged over the chart's values", defaultValue = "{}") Map<String, Object> values,
        @Schema(description = "Re-check source and drift every MM:SS", defaultValue = "05:00", example = "05:00")
        String interval,
        @Schema(description = "Install/upgrade/rollback timeout, Go duration", defaultValue = "5m", example = "5m")
        String timeout,
        InstallSpec install,
        UpgradeSpec upgrade,
        RollbackSpec rollback,
        DriftDetection driftDetection,
        @Schema(description = "Revisions kept", defaultValue = "10", minimum = "1", maximum = "100") Integer maxHistory,
        @Schema(description = "No reconciles while true; deleting a suspended release leaves the cluster untouched",
                defaultValue = "false") Boolean suspend,
        @Schema(maxLength = 1024) String description,
        Map<String, String> labels,
        @Schema(description = "For PUT: the version you read; a stale one gets 409") Long version) {

    /** Without {@code rollback} and {@code driftDetection} (their defaults). */
    public HelmReleaseRequest(String name, String sourceType, String sourceName, String releaseName,
            String targetNamespace, Map<String, Object> values, String interval, String timeout, InstallSpec install,
            UpgradeSpec upgrade, Integer maxHistory, Boolean suspend, String description, Map<String, String> labels,
            Long version) {
        this(name, sourceType, sourceName, releaseName, targetNamespace, values, interval, timeout, install, upgrade,
                null, null, maxHistory, suspend, description, labels, version);
    }
}
