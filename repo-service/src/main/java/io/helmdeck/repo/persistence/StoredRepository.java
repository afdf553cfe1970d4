package io.helmdeck.repo.persistence;

/** A spec row with its status row, as read together. */
public record StoredRepository(OciRepositoryEntity spec, OciRepositoryStatusEntity status) {
}
