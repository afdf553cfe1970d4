package io.helmdeck.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One Helm revision of a release. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseRevision(
        @Schema(description = "Helm revision number, from 1") int revision,
        String chartName,
        String chartVersion,
        String appVersion,
        @Schema(description = "Source revision, tag@sha256:…") String sourceRevision,
        @Schema(description = "Digest of the chart artifact that was rendered") String sourceDigest,
        @Schema(description = "sha256 of the values, canonical JSON") String valuesDigest,
        @Schema(enumeration = {"pending-install", "pending-upgrade", "pending-rollback", "deployed", "superseded",
                "failed", "rolled-back", "uninstalled"}) String status,
        @Schema(enumeration = {"install", "upgrade", "rollback", "uninstall"}) String action,
        String description,
        Instant startedAt,
        Instant finishedAt) {
}
