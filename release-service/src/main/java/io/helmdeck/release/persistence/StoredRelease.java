package io.helmdeck.release.persistence;

/** A spec row with its status row, as read together. */
public record StoredRelease(HelmReleaseEntity spec, HelmReleaseStatusEntity status) {
}
