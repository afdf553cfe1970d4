package io.helmdeck.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a sync of a configuration would find, without saving anything: the artifact it would store, or the precise
 * reason it would fail.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryTestResult(
        @Schema(description = "True when a sync would succeed") boolean ok,
        @Schema(description = "Typed reason: Succeeded, AuthenticationFailed, NotFound, RateLimited, TLSError, "
                + "Unreachable, Timeout, MediaTypeNotFound, TooLarge, DigestMismatch, InvalidChart") String reason,
        @Schema(description = "What happened, e.g. the registry's status code; never contains credentials")
        String message,
        @Schema(description = "The artifact a sync would store") Artifact artifact) {
}
