package io.helmdeck.sync.oci;

import java.time.Duration;
import java.util.Optional;

import io.helmdeck.model.Reasons;

/**
 * A registry operation failed. {@link #reason()} is one of {@link Reasons} so it can land in a status condition as is;
 * the message names status code, registry and repository but never credentials or tokens.
 */
public class RegistryException extends RuntimeException {

    private final String reason;
    private final int status;
    private final Duration retryAfter;

    public RegistryException(String reason, String message) {
        this(reason, message, 0, null, null);
    }

    public RegistryException(String reason, String message, int status) {
        this(reason, message, status, null, null);
    }

    public RegistryException(String reason, String message, Throwable cause) {
        this(reason, message, 0, null, cause);
    }

    public RegistryException(String reason, String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** One of the {@link Reasons} constants. */
    public String reason() {
        return reason;
    }

    /** HTTP status that caused the failure, 0 when there was no HTTP answer. */
    public int status() {
        return status;
    }

    /** How long the registry asked us to wait, for {@link Reasons#RATE_LIMITED}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
