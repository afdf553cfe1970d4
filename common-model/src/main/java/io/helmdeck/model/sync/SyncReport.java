package io.helmdeck.model.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.helmdeck.model.Artifact;

/**
 * What a worker found for one leased repository. {@code artifact} is set for {@code Updated}; {@code reason} and
 * {@code message} for {@code Failed}; {@code retryAfterSeconds} when the registry asked to wait.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncReport(
        String worker,
        long specVersion,
        SyncOutcome outcome,
        Artifact artifact,
        String reason,
        String message,
        long durationMillis,
        Long retryAfterSeconds) {
}
