package io.helmdeck.model.sync;

/** A worker asks for up to {@code max} due repositories, leased for {@code leaseSeconds}. */
public record ClaimRequest(String worker, int max, int leaseSeconds) {
}
