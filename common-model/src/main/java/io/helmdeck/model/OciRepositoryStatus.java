package io.helmdeck.model;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Observed state of an OCI repository, written by syncs; read-only for API callers. */
@Schema(description = "Observed state (read-only)")
public record OciRepositoryStatus(
        @Schema(enumeration = {"Pending", "Ready", "Failed", "Suspended"}) String phase,
        List<Condition> conditions,
        @Schema(description = "Last good artifact; kept when a later sync fails") Artifact artifact,
        Instant lastSyncAt,
        Instant lastSuccessAt,
        Instant nextSyncAt,
        int consecutiveFailures,
        @Schema(description = "The spec version the last sync acted on") Long observedVersion) {
}
