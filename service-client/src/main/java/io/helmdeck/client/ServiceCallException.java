package io.helmdeck.client;

/**
 * A call to another service's internal API did not give an answer the caller can use. The message names the service
 * and carries its problem+json detail when there is one, never a request body or token.
 */
public class ServiceCallException extends RuntimeException {

    /** Why the call failed. */
    public enum Reason {
        /** Nothing could be sent, or the connection broke before the whole answer arrived. */
        NO_ANSWER,
        /** No whole answer within the endpoint's deadline. */
        TIMEOUT,
        /** The answer was larger than the call allows; it was cut off, not read. */
        TOO_LARGE,
        /** An answer the caller's contract does not expect (made by {@link ServiceHttp#unexpected}). */
        UNEXPECTED_STATUS,
        /** An answer whose body is not what the contract says (made by {@link ServiceHttp#readJson}). */
        UNREADABLE
    }

    private final Reason reason;
    private final int status;

    public ServiceCallException(Reason reason, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** HTTP status of the answer, 0 when there was none. */
    public int status() {
        return status;
    }

    /** Worth another try soon: no answer, or the other service was busy or failing. */
    public boolean retryable() {
        return reason == Reason.NO_ANSWER || reason == Reason.TIMEOUT || status == 429 || status >= 500;
    }
}
