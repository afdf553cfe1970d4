package io.helmdeck.repo.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The credentials of a test run, all fresh: an RS256 key pair whose public half repo-service verifies user tokens
 * with (the private half signs them, see {@link Tokens}), and random service tokens.
 */
public class SecurityResource implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target", "test-jwt").toAbsolutePath();
    static final Path PRIVATE_KEY = DIR.resolve("private.pem");
    static final Path PUBLIC_KEY = DIR.resolve("public.pem");

    @Override
    public Map<String, String> start() {
        KeyPair pair = newKeyPair();
        try {
            Files.createDirectories(DIR);
            Files.writeString(PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "mp.jwt.verify.publickey.location", PUBLIC_KEY.toUri().toString(),
                "helmdeck.service-token", "repo-" + randomToken(),
                "helmdeck.internal.sync-worker-token", "sync-" + randomToken(),
                "helmdeck.internal.release-service-token", "release-" + randomToken());
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public void stop() {
        // The key files stay in target/ for a look after a failed run; they protect nothing outside it.
    }
}
