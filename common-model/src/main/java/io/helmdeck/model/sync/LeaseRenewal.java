package io.helmdeck.model.sync;

/** A worker extends its lease on a repository it is still syncing. */
public record LeaseRenewal(String worker, int leaseSeconds) {
}
