package io.helmdeck.sync.oci;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.RegistryAuth;

/** Credentials presented to one registry. {@link #toString()} never shows secrets. */
public sealed interface RegistryCredentials {

    /** Distinguishes cached tokens obtained with different credentials without keeping the secret itself. */
    String fingerprint();

    /** No credentials: anonymous access, or anonymous tokens when the registry asks for them. */
    record Anonymous() implements RegistryCredentials {
        @Override
        public String fingerprint() {
            return "anonymous";
        }
    }

    /** User name and password, sent as HTTP basic auth to the registry or to its token endpoint. */
    record Basic(String username, String password) implements RegistryCredentials {
        @Override
        public String fingerprint() {
            return "basic:" + sha256(username + '\0' + password);
        }

        public String header() {
            return "Basic " + Base64.getEncoder()
                    .encodeToString((username + ':' + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=***]";
        }
    }

    /** A ready-made bearer token, sent as is on every request. */
    record Bearer(String token) implements RegistryCredentials {
        @Override
        public String fingerprint() {
            return "bearer:" + sha256(token);
        }

        @Override
        public String toString() {
            return "Bearer[token=***]";
        }
    }

    RegistryCredentials ANONYMOUS = new Anonymous();

    /**
     * Turns a repository's {@code auth} into credentials for {@code registry} (host[:port]); a dockerconfigjson
     * without an entry for that registry means anonymous access, as with Docker itself.
     */
    static RegistryCredentials from(RegistryAuth auth, String registry) {
        if (auth == null || auth.type() == null || RegistryAuth.NONE.equals(auth.type())) {
            return ANONYMOUS;
        }
        return switch (auth.type()) {
            case RegistryAuth.BASIC -> new Basic(auth.username(), auth.password() == null ? "" : auth.password());
            case RegistryAuth.BEARER -> new Bearer(auth.token());
            case RegistryAuth.DOCKER_CONFIG_JSON -> fromDockerConfigJson(auth.dockerconfigjson(), registry);
            default -> throw new RegistryException(Reasons.AUTHENTICATION_FAILED,
                    "unknown auth type '" + auth.type() + "' for registry " + registry);
        };
    }

    /** Picks {@code auths[registry]} (also keyed as {@code https://registry} or with a path) from a dockerconfigjson. */
    static RegistryCredentials fromDockerConfigJson(String json, String registry) {
        JsonNode auths;
        try {
            auths = new ObjectMapper().readTree(json == null ? "{}" : json).path("auths");
        } catch (Exception e) {
            // The parser message may quote the secret document: keep it out.
            throw new RegistryException(Reasons.AUTHENTICATION_FAILED,
                    "dockerconfigjson for registry " + registry + " is not valid JSON");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (registry.equalsIgnoreCase(registryOfKey(entry.getKey()))) {
                return fromAuthEntry(entry.getValue(), registry);
            }
        }
        return ANONYMOUS;
    }

    private static String registryOfKey(String key) {
        String host = key.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = host.indexOf('/');
        return slash < 0 ? host : host.substring(0, slash);
    }

    private static RegistryCredentials fromAuthEntry(JsonNode entry, String registry) {
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new RegistryException(Reasons.AUTHENTICATION_FAILED,
                        "dockerconfigjson entry for registry " + registry + " has an auth field that is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new RegistryException(Reasons.AUTHENTICATION_FAILED,
                        "dockerconfigjson entry for registry " + registry + " has an auth field that is not user:password");
            }
            return new Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        if (entry.hasNonNull("registrytoken")) {
            return new Bearer(entry.get("registrytoken").asText());
        }
        if (entry.hasNonNull("username")) {
            return new Basic(entry.get("username").asText(), entry.path("password").asText(""));
        }
        return ANONYMOUS;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
