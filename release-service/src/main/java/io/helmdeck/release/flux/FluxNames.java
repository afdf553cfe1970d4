package io.helmdeck.release.flux;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** Kubernetes names and labels that tie Flux objects to one Helmdeck release. */
public final class FluxNames {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "helmdeck";
    public static final String TENANT_LABEL = "helmdeck.io/tenant";
    public static final String RELEASE_LABEL = "helmdeck.io/release";
    /** Hash of the spec Helmdeck last wrote, so a later write is skipped when nothing changed. */
    public static final String SPEC_HASH_ANNOTATION = "helmdeck.io/spec-hash";

    /** A DNS label (63 characters) leaves the name usable as a label value too. */
    static final int MAX_NAME = 63;
    private static final int HASH_CHARS = 10;

    private FluxNames() {
    }

    /**
     * {@code <tenant>-<name>-<hash>}: readable, a valid DNS-1123 label, and unique per tenant and release even where
     * the readable part is cut or ambiguous ({@code a-b}/{@code c} and {@code a}/{@code b-c} differ by the hash).
     */
    public static String objectName(String tenant, String name) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        String hash = sha256Hex(tenant + "/" + name).substring(0, HASH_CHARS);
        String readable = (tenant + "-" + name).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        int room = MAX_NAME - HASH_CHARS - 1;
        if (readable.length() > room) {
            readable = readable.substring(0, room);
        }
        readable = readable.replaceAll("^-+|-+$", "");
        return readable.isEmpty() ? "hd-" + hash : readable + "-" + hash;
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
