package io.helmdeck.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a release does when its objects in the cluster no longer match the deployed revision (Flux's
 * {@code spec.driftDetection}: same field names and mode values).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Drift detection at every interval (Flux's spec.driftDetection)")
public record DriftDetection(
        @Schema(description = "enabled: report and correct drift; warn: report only; disabled: neither (the cluster "
                + "is touched only when a new revision is deployed)", enumeration = {"enabled", "warn", "disabled"},
                defaultValue = "enabled") String mode,
        @Schema(description = "Fields others own (e.g. /spec/replicas under an autoscaler): never reported, never "
                + "corrected") List<DriftIgnoreRule> ignore) {

    public static final String ENABLED = "enabled";
    public static final String WARN = "warn";
    public static final String DISABLED = "disabled";

    /** The default: drift is reported and corrected, nothing ignored. */
    public static DriftDetection defaults() {
        return new DriftDetection(ENABLED, List.of());
    }
}
