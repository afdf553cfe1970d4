package io.helmdeck.sync.oci;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A parsed {@code WWW-Authenticate} header (RFC 7235), e.g. {@code Bearer realm="…",service="…",scope="…"}. */
public record AuthChallenge(String scheme, Map<String, String> params) {

    public static final String BEARER = "bearer";
    public static final String BASIC = "basic";

    /** Parses the first challenge of the header; empty when the header is missing or has no scheme. */
    public static Optional<AuthChallenge> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String s = header.trim();
        int space = s.indexOf(' ');
        String scheme = (space < 0 ? s : s.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        int i = space < 0 ? s.length() : space + 1;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                // Quoted values carry commas (scope lists several actions: "repository:a:pull,push").
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < s.length() && s.charAt(i) != ',') {
                    value.append(s.charAt(i++));
                }
            }
            params.put(key, value.toString().trim());
        }
        return Optional.of(new AuthChallenge(scheme, Map.copyOf(params)));
    }

    public boolean isBearer() {
        return BEARER.equals(scheme);
    }

    public boolean isBasic() {
        return BASIC.equals(scheme);
    }

    public String realm() {
        return params.get("realm");
    }

    public String service() {
        return params.get("service");
    }

    public String scope() {
        return params.get("scope");
    }
}
