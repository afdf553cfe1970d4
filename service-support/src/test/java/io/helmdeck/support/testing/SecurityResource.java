package io.helmdeck.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The credentials of a test run, all fresh: an RS256 key pair whose public half the service under test verifies user
 * tokens with (the private half signs them, see {@link Tokens}), and one random service token per service, used the
 * way a deployment uses them: the service under test (init argument {@code service}, e.g. {@code repo-service}) sends
 * its own and accepts the others'.
 */
public class SecurityResource implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target", "test-jwt").toAbsolutePath();
    static final Path PRIVATE_KEY = DIR.resolve("private.pem");
    static final Path PUBLIC_KEY = DIR.resolve("public.pem");

    /*
     * Quarkus loads test classes again for every application it starts (a new class loader per set of test
     * resources), so static state here would differ between the stand-ins, the tests and the configuration. The
     * credentials of the run are therefore kept in JVM-wide system properties and in files, made once.
     */

    /** The run's service tokens, one per service. */
    public static final String RELEASE_SERVICE_TOKEN = runToken("release");
    public static final String REPO_SERVICE_TOKEN = runToken("repo");
    public static final String SYNC_WORKER_TOKEN = runToken("sync");
    private static final Map<String, String> TOKENS = Map.of("repo-service", REPO_SERVICE_TOKEN,
            "release-service", RELEASE_SERVICE_TOKEN, "sync-worker", SYNC_WORKER_TOKEN);
    private static final String KEYS_WRITTEN = "helmdeck.test.jwt-keys-written";

    private String service = "release-service";

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.publickey.location", publicKey().toUri().toString());
        TOKENS.forEach((name, token) -> config.put(name.equals(service) ? "helmdeck.service-token"
                : "helmdeck.internal." + name + "-token", token));
        return config;
    }

    /** The run's token of a service, by name. */
    public static String tokenOf(String service) {
        String token = TOKENS.get(service);
        if (token == null) {
            throw new IllegalArgumentException("no such service: " + service);
        }
        return token;
    }

    /** The PEM public key of the run, written once per JVM; the child repo-service of the end-to-end tests trusts it. */
    public static Path publicKey() {
        synchronized (System.class) {
            if (System.getProperty(KEYS_WRITTEN) == null) {
                KeyPair pair = newKeyPair();
                try {
                    Files.createDirectories(DIR);
                    Files.writeString(PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                    Files.writeString(PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.setProperty(KEYS_WRITTEN, "true");
            }
        }
        return PUBLIC_KEY;
    }

    private static String runToken(String service) {
        synchronized (System.class) {
            String key = "helmdeck.test.token." + service;
            String token = System.getProperty(key);
            if (token == null) {
                token = service + "-" + randomToken();
                System.setProperty(key, token);
            }
            return token;
        }
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
