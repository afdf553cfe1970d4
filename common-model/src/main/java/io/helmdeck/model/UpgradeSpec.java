package io.helmdeck.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a release is upgraded (Flux {@code spec.upgrade}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpgradeSpec(
        @Schema(description = "After a failed upgrade: retries, then the strategy") Remediation remediation,
        @Schema(description = "Do not wait for the upgraded objects to be ready (post-upgrade hooks still run)",
                defaultValue = "false") Boolean disableWait,
        @Schema(description = "Wait for the objects but not for Jobs to complete", defaultValue = "false")
        Boolean disableWaitForJobs) {

    public UpgradeSpec(Remediation remediation) {
        this(remediation, null, null);
    }
}
