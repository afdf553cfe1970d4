package io.helmdeck.support.security;

import java.util.Locale;

/** Reads the credential of an {@code Authorization: Bearer …} header. */
public final class BearerToken {

    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    /** The token, or null when the header is absent or not of the Bearer scheme. */
    public static String of(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return null;
        }
        String token = authorization.substring(SCHEME.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
