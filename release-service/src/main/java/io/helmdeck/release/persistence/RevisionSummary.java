package io.helmdeck.release.persistence;

import java.time.Instant;

/** A revision without its manifest and values, for history listings and rollback checks. */
public record RevisionSummary(
        int revision,
        String chartName,
        String chartVersion,
        String appVersion,
        String sourceRevision,
        String sourceDigest,
        String valuesDigest,
        String status,
        String action,
        String description,
        Instant startedAt,
        Instant finishedAt) {
}
