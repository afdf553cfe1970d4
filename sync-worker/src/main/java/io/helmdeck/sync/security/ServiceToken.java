package io.helmdeck.sync.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * An expected service token, kept only as its SHA-256 digest. Comparing digests of equal length with
 * {@link MessageDigest#isEqual} takes the same time whatever the presented token, so its length and the position of
 * the first wrong character are not revealed by the answer's timing.
 */
public final class ServiceToken {

    private final byte[] digest;

    private ServiceToken(byte[] digest) {
        this.digest = digest;
    }

    /** The expected token, or empty when none is configured: nothing then matches (fail closed). */
    public static Optional<ServiceToken> of(Optional<String> configured) {
        return configured.map(String::strip).filter(t -> !t.isEmpty()).map(t -> new ServiceToken(sha256(t)));
    }

    /** Whether {@code presented} is this token. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ServiceToken[hidden]";
    }
}
