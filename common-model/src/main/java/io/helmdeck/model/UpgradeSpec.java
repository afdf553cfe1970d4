package io.helmdeck.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a release is upgraded (Flux {@code spec.upgrade}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpgradeSpec(
        @Schema(description = "After a failed upgrade: retries, then the strategy") Remediation remediation) {
}
