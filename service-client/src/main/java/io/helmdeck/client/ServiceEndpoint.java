package io.helmdeck.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which service to call and how: its name (for messages), base URL, the deadline of one call (connecting included)
 * and the caller's own service token (ADR 0013), sent as a bearer token on every request when present.
 */
public record ServiceEndpoint(String service, String baseUrl, Duration deadline, Optional<String> token) {

    public ServiceEndpoint {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline of a call to " + service + " must be positive");
        }
        // A trailing slash would double the one every path starts with.
        baseUrl = baseUrl.strip().replaceAll("/+$", "");
        // A blank token is no token: the call goes out bare and the receiver refuses it (401).
        token = token == null ? Optional.empty() : token.map(String::strip).filter(t -> !t.isEmpty());
    }
}
