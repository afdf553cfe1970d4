package io.helmdeck.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What to do after a failed install or upgrade (Flux {@code remediation}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Remediation(
        @Schema(description = "Retries after a failure before the strategy applies", defaultValue = "0", minimum = "0",
                maximum = "10") Integer retries,
        @Schema(description = "Upgrade only: roll back to the last good revision, or uninstall",
                enumeration = {"rollback", "uninstall"}, defaultValue = "rollback") String strategy) {

    public static final String ROLLBACK = "rollback";
    public static final String UNINSTALL = "uninstall";
}
