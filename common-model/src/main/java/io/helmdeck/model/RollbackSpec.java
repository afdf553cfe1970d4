package io.helmdeck.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a release is rolled back, by request or as remediation (Flux {@code spec.rollback}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollbackSpec(
        @Schema(description = "Do not wait for the rolled-back objects to be ready", defaultValue = "false")
        Boolean disableWait) {
}
