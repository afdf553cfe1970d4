package io.helmdeck.model;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A Helm release as returned by the API: its spec with defaults applied, and its status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "HelmRelease", description = "A Helm release with its defaults applied and its status")
public record HelmRelease(
        @Schema(readOnly = true) String tenant,
        String name,
        @Schema(enumeration = {"OCIRepository", "HelmRepository"}) String sourceType,
        String sourceName,
        String releaseName,
        String targetNamespace,
        Map<String, Object> values,
        @Schema(example = "05:00") String interval,
        @Schema(example = "5m") String timeout,
        InstallSpec install,
        UpgradeSpec upgrade,
        RollbackSpec rollback,
        DriftDetection driftDetection,
        int maxHistory,
        boolean suspend,
        String description,
        Map<String, String> labels,
        @Schema(readOnly = true, description = "Changes on every spec change; also the ETag") long version,
        @Schema(readOnly = true) Instant createdAt,
        @Schema(readOnly = true) Instant updatedAt,
        @Schema(readOnly = true) HelmReleaseStatus status) {
}
