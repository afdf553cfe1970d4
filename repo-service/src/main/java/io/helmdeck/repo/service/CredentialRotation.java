package io.helmdeck.repo.service;

/**
 * Outcome of a key rotation: how many credentials were re-encrypted under {@code keyId}, and how many could not
 * be read with any configured key (left as they are; their repositories fail to sync until fixed).
 */
public record CredentialRotation(String keyId, int reencrypted, int failed) {
}
