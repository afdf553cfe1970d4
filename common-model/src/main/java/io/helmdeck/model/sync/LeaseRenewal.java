package io.helmdeck.model.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A worker extends its lease on a repository it is still syncing. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaseRenewal(String worker, int leaseSeconds) {
}
