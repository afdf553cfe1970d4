package io.helmdeck.model.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One result in a {@link SyncExchange}: the report for the leased repository {@code repositoryId}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaseReport(long repositoryId, SyncReport report) {
}
