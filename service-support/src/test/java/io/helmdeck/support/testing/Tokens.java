package io.helmdeck.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;


import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Mints the user tokens of the tests and hands out the service tokens of the run; remembers every one. */
public final class Tokens {

    public static final String ISSUER = "helmdeck";
    public static final String AUDIENCE = "helmdeck";
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();
    private static volatile PrivateKey signingKey;
    private static volatile String admin;

    private Tokens() {
    }

    /** An admin token (every tenant), minted once per run: the default of every test request to /api. */
    public static String admin() {
        if (admin == null) {
            admin = sign(claims(List.of(), Set.of("admin")));
        }
        return admin;
    }

    /** A token for these tenants with no role: read and write in them. */
    public static String user(String... tenants) {
        return sign(claims(List.of(tenants), Set.of()));
    }

    /** A read-only token for these tenants. */
    public static String viewer(String... tenants) {
        return sign(claims(List.of(tenants), Set.of("viewer")));
    }

    /** Valid claims for the tenants and roles, to be changed by the caller before {@link #sign}. */
    public static JwtClaimsBuilder claims(List<String> tenants, Set<String> groups) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("user-" + UUID.randomUUID())
                .claim("tenants", tenants).groups(groups).expiresIn(3600);
    }

    /** Signs with the run's key (the one the service under test trusts). */
    public static String sign(JwtClaimsBuilder claims) {
        return remember(claims.jws().keyId("test").sign(signingKey()));
    }

    /** Signs with {@code key}: e.g. another key the service does not trust. */
    public static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return remember(claims.jws().sign(key));
    }

    /** The token sync-worker sends (leases, artifact uploads). */
    public static String syncWorker() {
        return remember(SecurityResource.SYNC_WORKER_TOKEN);
    }

    /** The token release-service sends (source and artifact reads). */
    public static String releaseService() {
        return remember(SecurityResource.RELEASE_SERVICE_TOKEN);
    }

    /** The token repo-service sends (registry probes, source events). */
    public static String repoService() {
        return remember(SecurityResource.REPO_SERVICE_TOKEN);
    }

    /** Every token handed out in this run so far. */
    public static Set<String> issued() {
        return Set.copyOf(ISSUED);
    }

    /** A key pair the service under test does not trust. */
    public static PrivateKey untrustedKey() {
        return SecurityResource.newKeyPair().getPrivate();
    }

    private static String remember(String token) {
        ISSUED.add(token);
        return token;
    }

    private static PrivateKey signingKey() {
        if (signingKey == null) {
            try {
                String pem = Files.readString(SecurityResource.publicKey().resolveSibling("private.pem"));
                byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
                signingKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return signingKey;
    }
}
