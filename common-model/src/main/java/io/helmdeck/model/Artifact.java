package io.helmdeck.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The last artifact a sync verified and stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Artifact(
        @Schema(example = "18.9.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef") String revision,
        @Schema(description = "Digest of the stored layer") String digest,
        long size,
        String mediaType,
        Instant lastUpdateTime,
        ChartMetadata chart) {
}
