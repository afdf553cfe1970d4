package io.helmdeck.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which artifact of the OCI repository to take; precedence digest &gt; semver &gt; tag (as in Flux). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Reference to pull. Precedence: digest > semver > tag. Default: tag `latest`.")
public record OciRepositoryRef(
        @Schema(description = "OCI tag", example = "18.9.0") String tag,
        @Schema(description = "Semver range; the highest matching tag wins. `+` in chart versions is `_` in tags.",
                example = ">=18.0.0 <19.0.0") String semver,
        @Schema(description = "Regular expression applied to versions before semver selection", example = ".*-rc.*")
        String semverFilter,
        @Schema(description = "Pinned manifest digest", pattern = "^sha256:[a-f0-9]{64}$") String digest) {
}
