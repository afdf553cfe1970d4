package io.helmdeck.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One recorded sync of an OCI repository: a new revision, a failure, or a recovery. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncAttempt(
        Instant finishedAt,
        @Schema(enumeration = {"Updated", "Unchanged", "Failed"}) String outcome,
        @Schema(description = "Revision stored after this sync") String revision,
        long durationMillis,
        @Schema(example = "AuthenticationFailed") String reason,
        @Schema(description = "Error or result message; never contains credentials") String message) {
}
