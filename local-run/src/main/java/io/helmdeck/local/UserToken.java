package io.helmdeck.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A user JWT as the services expect it (ADR 0013): RS256, issuer and audience {@code helmdeck}, the roles in
 * {@code groups} and the usable tenants in {@code tenants}. Signed with the JDK alone, so the launcher needs no JWT
 * library.
 *
 * @param subject  who the token speaks for ({@code sub} and {@code upn})
 * @param groups   roles: {@code admin}, {@code viewer}, or none (read and write in {@code tenants})
 * @param tenants  tenants the caller may use
 * @param lifetime time from now until {@code exp}
 */
public record UserToken(String subject, List<String> groups, List<String> tenants, Duration lifetime) {

    public static final String ISSUER = "helmdeck";
    public static final String AUDIENCE = "helmdeck";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

    /** The token the banner prints: every tenant and the admin operations, for 24 hours. */
    public static UserToken admin() {
        return new UserToken("local-admin", List.of("admin"), List.of(), DEFAULT_LIFETIME);
    }

    /** Signs the token with {@code key}, issued at {@code now}. */
    public String sign(RSAPrivateKey key, Instant now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":" + string(ISSUER)
                + ",\"aud\":" + string(AUDIENCE)
                + ",\"sub\":" + string(subject)
                + ",\"upn\":" + string(subject)
                + ",\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(lifetime).getEpochSecond()
                + ",\"jti\":" + string(UUID.randomUUID().toString())
                + ",\"groups\":" + array(groups)
                + ",\"tenants\":" + array(tenants)
                + "}";
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM signs SHA256withRSA", e);
        }
    }

    private static String array(List<String> values) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            json.append(i == 0 ? "" : ",").append(string(values.get(i)));
        }
        return json.append(']').toString();
    }

    /** A JSON string literal; tenant names come from the command line, so everything JSON needs escaped is. */
    static String string(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
