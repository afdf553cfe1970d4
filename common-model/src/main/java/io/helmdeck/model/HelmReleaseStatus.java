package io.helmdeck.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Observed state of a Helm release, written by reconciles; read-only for API callers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Observed state (read-only)")
public record HelmReleaseStatus(
        @Schema(enumeration = {"Pending", "Deployed", "Failed", "SourceNotReady", "SourceNotFound",
                "ClusterUnavailable", "Suspended", "Uninstalling"}) String phase,
        @Schema(description = "Ready, Released and Remediated") List<Condition> conditions,
        @Schema(description = "Source revision (tag@sha256:…) of the deployed revision") String lastAppliedRevision,
        @Schema(description = "Source revision the last attempt used") String lastAttemptedRevision,
        @Schema(description = "Helm revision number currently deployed") Integer currentRevision,
        @Schema(description = "Every object the current revision applied") List<InventoryEntry> inventory,
        @Schema(description = "Consecutive failed attempts") int failures,
        @Schema(description = "Objects that differed from the deployed revision at the last drift check")
        List<DriftedObject> drift,
        Instant lastReconcileAt,
        Instant nextReconcileAt,
        @Schema(description = "The spec version the last reconcile acted on") Long observedVersion) {
}
