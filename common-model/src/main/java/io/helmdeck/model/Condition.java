package io.helmdeck.model;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One observed aspect of an object's state, shaped like a Kubernetes/Flux status condition. */
@Schema(description = "A status condition, as in Kubernetes and Flux")
public record Condition(
        @Schema(description = "Condition type", example = "Ready") String type,
        @Schema(description = "Condition status", enumeration = {"True", "False", "Unknown"}, example = "True") String status,
        @Schema(description = "Machine-readable reason in UpperCamelCase", example = "Succeeded") String reason,
        @Schema(description = "Human-readable detail") String message,
        @Schema(description = "When the status last changed") Instant lastTransitionTime) {

    public static final String READY = "Ready";
    /** Helm releases: the last install/upgrade/rollback succeeded. */
    public static final String RELEASED = "Released";
    /** Helm releases: a failed action was remediated (rolled back or uninstalled). */
    public static final String REMEDIATED = "Remediated";
    /**
     * Helm releases: the last time a reconcile found an action cut short (reason {@code Interrupted}) or Helm's
     * record stuck pending (reason {@code PendingReleaseUnlocked}), and what it did about it.
     */
    public static final String RECOVERED = "Recovered";
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";
}
