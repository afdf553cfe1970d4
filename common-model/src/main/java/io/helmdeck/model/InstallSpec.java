package io.helmdeck.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a release is installed (Flux {@code spec.install}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstallSpec(
        @Schema(description = "Create targetNamespace if missing", defaultValue = "false") Boolean createNamespace,
        @Schema(description = "After a failed install: retries, then uninstall (strategy is not settable here)")
        Remediation remediation,
        @Schema(description = "Do not wait for the installed objects to be ready (post-install hooks still run)",
                defaultValue = "false") Boolean disableWait,
        @Schema(description = "Wait for the objects but not for Jobs to complete", defaultValue = "false")
        Boolean disableWaitForJobs) {

    public InstallSpec(Boolean createNamespace, Remediation remediation) {
        this(createNamespace, remediation, null, null);
    }
}
