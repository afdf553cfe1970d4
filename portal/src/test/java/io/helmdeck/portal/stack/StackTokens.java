package io.helmdeck.portal.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * User tokens for the browser tests, signed with a key pair made for the run. The key lives in files because the
 * stack (a Quarkus test resource) and the tests are loaded by different class loaders.
 */
public final class StackTokens {

    static final Path DIR = Path.of("target", "portal-jwt").toAbsolutePath();
    static final Path PRIVATE_KEY = DIR.resolve("private.pem");
    static final Path PUBLIC_KEY = DIR.resolve("public.pem");

    private StackTokens() {
    }

    /** Makes a fresh key pair; returns the public key file the services verify with. */
    static Path createKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(DIR);
            Files.writeString(PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return PUBLIC_KEY;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Read and write in {@code tenants}. */
    public static String editor(String... tenants) {
        return sign(List.of(tenants), Set.of());
    }

    /** A platform admin: every tenant, and the right to set cluster policies. */
    public static String admin() {
        return sign(List.of(), Set.of("admin"));
    }

    /** Read only in {@code tenants}. */
    public static String viewer(String... tenants) {
        return sign(List.of(tenants), Set.of("viewer"));
    }

    private static String sign(List<String> tenants, Set<String> groups) {
        return Jwt.issuer("helmdeck").audience("helmdeck").subject("portal-test").upn("portal-test")
                .claim("tenants", tenants).groups(groups).expiresIn(3600).jws().sign(privateKey());
    }

    private static PrivateKey privateKey() {
        try {
            String body = Files.readString(PRIVATE_KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
