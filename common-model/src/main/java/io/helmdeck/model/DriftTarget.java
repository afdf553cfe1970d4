package io.helmdeck.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The objects an ignore rule applies to (the fields of Flux's target selector that Helmdeck supports). Absent fields
 * match anything; {@code name} and {@code namespace} are regular expressions matched against the whole value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Selects objects by API group, version, kind, name and namespace")
public record DriftTarget(
        @Schema(description = "API group; empty string for the core group", example = "apps") String group,
        @Schema(example = "v1") String version,
        @Schema(example = "Deployment") String kind,
        @Schema(description = "Regular expression matched against the whole name", example = "web") String name,
        @Schema(description = "Regular expression matched against the whole namespace") String namespace) {
}
