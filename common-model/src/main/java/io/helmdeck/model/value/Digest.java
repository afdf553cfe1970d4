package io.helmdeck.model.value;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** A content digest {@code sha256:<64 lowercase hex>}, as used by OCI registries. */
public record Digest(String algorithm, String hex) {

    public static final String SHA256 = "sha256";
    static final String MESSAGE = "must be sha256: followed by 64 lowercase hex characters";

    private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");

    public Digest {
        // Only sha256 is accepted: it is what registries and Helm produce, and it keeps equality a plain string compare.
        if (!SHA256.equals(algorithm) || hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException(MESSAGE);
        }
    }

    /** Parses {@code sha256:<64 lowercase hex>}; uppercase hex is rejected so that one digest has one spelling. */
    public static Digest parse(String s) {
        if (s == null || !s.startsWith(SHA256 + ":")) {
            throw new IllegalArgumentException(MESSAGE);
        }
        return new Digest(SHA256, s.substring(SHA256.length() + 1));
    }

    /** The sha256 digest of {@code data}. */
    public static Digest sha256Of(byte[] data) {
        Objects.requireNonNull(data, "data");
        try {
            return new Digest(SHA256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
