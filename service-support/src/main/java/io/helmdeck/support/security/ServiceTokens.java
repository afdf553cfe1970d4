package io.helmdeck.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.helmdeck.support.config.ServiceProfile;

/**
 * Recognises the static tokens of the services that call the internal API. Only SHA-256 digests are kept and
 * compared, in constant time, so neither the length nor a prefix of a configured token leaks through timing.
 */
@ApplicationScoped
public class ServiceTokens {

    private static final Logger LOG = Logger.getLogger(ServiceTokens.class);
    /** Below this a token is guessable; such a configuration is refused rather than trusted. */
    static final int MIN_LENGTH = 16;

    private final Map<String, byte[]> digests = new LinkedHashMap<>();

    /** The tokens of the profile's callers, each from {@code helmdeck.internal.<caller>-token}. */
    @Inject
    public ServiceTokens(ServiceProfile profile, Config config) {
        this(tokensOf(profile, config));
    }

    /** The given token (or none) of each caller, by service name. */
    public ServiceTokens(Map<String, Optional<String>> tokensByCaller) {
        tokensByCaller.forEach((caller, token) -> register(caller, token, property(caller) + " ("
                + property(caller).toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_') + ")"));
    }

    /** The property that holds the token {@code caller} presents. */
    public static String property(String caller) {
        return "helmdeck.internal." + caller + "-token";
    }

    private static Map<String, Optional<String>> tokensOf(ServiceProfile profile, Config config) {
        Map<String, Optional<String>> tokens = new LinkedHashMap<>();
        profile.callers().forEach(caller -> tokens.put(caller, config.getOptionalValue(property(caller), String.class)));
        return tokens;
    }

    /** The service whose token {@code presented} is, if any. Every configured token is compared, always. */
    public Optional<String> identify(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        String found = null;
        for (Map.Entry<String, byte[]> entry : digests.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), digest)) {
                found = entry.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    private void register(String caller, Optional<String> token, String property) {
        String value = token.map(String::trim).filter(t -> !t.isEmpty()).orElse(null);
        if (value == null) {
            // Fail closed: without a configured token that service is refused, which the log says once.
            LOG.warnf("%s is not set: %s cannot call the internal API", property, caller);
            return;
        }
        if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException(property + " is shorter than " + MIN_LENGTH + " characters; "
                    + "generate one with: head -c 32 /dev/urandom | base64");
        }
        byte[] digest = sha256(value);
        digests.forEach((other, known) -> {
            if (MessageDigest.isEqual(known, digest)) {
                throw new IllegalStateException(property + " equals the token of " + other
                        + ": every service needs its own");
            }
        });
        digests.put(caller, digest);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
