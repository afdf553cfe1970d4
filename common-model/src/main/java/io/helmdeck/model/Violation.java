package io.helmdeck.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One invalid field of a request. */
public record Violation(
        @Schema(description = "Path of the field, e.g. `ref.digest`", example = "url") String field,
        @Schema(example = "must not contain a tag or digest") String message) {
}
