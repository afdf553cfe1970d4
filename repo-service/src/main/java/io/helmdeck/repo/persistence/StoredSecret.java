package io.helmdeck.repo.persistence;

/** The encrypted credential of one repository with what it is bound to, read for key rotation. */
public record StoredSecret(long repositoryId, String tenant, String name, String secret) {
}
