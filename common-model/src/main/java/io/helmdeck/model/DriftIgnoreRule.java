package io.helmdeck.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Fields drift detection leaves alone, in every object of the release or only in those {@code target} selects. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Changes to ignore (Flux's driftDetection.ignore[])")
public record DriftIgnoreRule(
        @Schema(description = "JSON pointers (RFC 6901); a field and everything under it is ignored",
                required = true, example = "[\"/spec/replicas\"]") List<String> paths,
        @Schema(description = "The objects the rule applies to; absent = every object of the release")
        DriftTarget target) {
}
