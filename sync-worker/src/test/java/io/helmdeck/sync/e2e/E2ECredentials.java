package io.helmdeck.sync.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * The credentials of ADR 0013 for one end-to-end run: an RSA key pair whose public half repo-service verifies user
 * tokens with, an admin token signed by the private half, and a fresh service token per service.
 */
final class E2ECredentials {

    static final String ISSUER = "helmdeck";
    static final String AUDIENCE = "helmdeck";
    private static final SecureRandom RANDOM = new SecureRandom();

    final KeyPair keys;
    /** repo-service's own token: it sends it to this worker's probe endpoints. */
    final String repoServiceToken = serviceToken();
    /** This worker's token: it sends it on claims, reports and uploads. */
    final String syncWorkerToken = serviceToken();
    /** release-service's token; there is no release-service here, but repo-service is configured as in production. */
    final String releaseServiceToken = serviceToken();
    final String adminToken;

    E2ECredentials() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has RSA", e);
        }
        adminToken = Jwt.issuer(ISSUER).audience(AUDIENCE).subject("e2e-admin").upn("e2e-admin")
                .groups(Set.of("admin")).claim("tenants", List.of())
                .expiresIn(Duration.ofHours(2)).jws().keyId("e2e").sign(keys.getPrivate());
    }

    /** Writes the public key as PEM, what {@code mp.jwt.verify.publickey.location} reads. */
    Path writePublicKey(Path file) throws IOException {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        return Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    /** Everything a secret could leak as: the service tokens and the admin token. */
    List<String> secrets() {
        return List.of(repoServiceToken, syncWorkerToken, releaseServiceToken, adminToken);
    }

    private static String serviceToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
