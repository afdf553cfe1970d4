package io.helmdeck.repo.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.helmdeck.repo.service.SecretCipher;
import io.helmdeck.repo.service.TestCiphers;
import io.helmdeck.support.testing.Db;
import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 5: no credential of the run appears in its log. Runs last (see junit-platform.properties), so the log holds
 * every request of the suite: every registry credential stored (read back from the database and decrypted) and
 * every user and service token handed out must be absent from it.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class SecretsInLogTest {

    private static final Path LOG = Path.of("target/quarkus-test.log");

    @Test
    void noRegistryCredentialAndNoTokenOfTheRunIsInTheLog() throws IOException {
        Set<String> secrets = new LinkedHashSet<>();
        SecretCipher cipher = TestCiphers.all();
        for (String row : Db.column("select tenant || '/' || name || ' ' || auth_secret from oci_repository "
                + "where auth_secret is not null")) {
            String[] parts = row.split(" ", 2);
            secrets.addAll(credentialParts(cipher.decrypt(parts[1], parts[0])));
        }
        // The fixed credentials other tests send (some only in rejected requests, so never stored).
        secrets.addAll(List.of("second-pass", "oops-secret-value"));
        for (String token : Tokens.issued()) {
            secrets.add(token);
            // A JWT's signature alone is as good as a leak of the whole token.
            secrets.add(token.substring(token.lastIndexOf('.') + 1));
        }
        secrets.add(Tokens.syncWorker());
        secrets.add(Tokens.releaseService());
        secrets.add(Tokens.repoService());

        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(log).as("the log of the run").contains("created OCI repository");
        assertThat(secrets).as("secrets collected").hasSizeGreaterThan(5);
        List<String> leaked = new ArrayList<>();
        for (String secret : secrets) {
            if (secret.length() >= 8 && log.contains(secret)) {
                leaked.add(secret.substring(0, 4) + "…");
            }
        }
        assertThat(leaked).as("secrets found in " + LOG).isEmpty();
    }

    /** A basic password, a bearer token, or a docker config JSON and the auth values inside it. */
    private static List<String> credentialParts(String plaintext) {
        List<String> parts = new ArrayList<>(List.of(plaintext));
        java.util.regex.Matcher auth = java.util.regex.Pattern.compile("\"auth\"\\s*:\\s*\"([^\"]+)\"").matcher(plaintext);
        while (auth.find()) {
            parts.add(auth.group(1));
        }
        return parts;
    }
}
