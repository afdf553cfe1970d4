package io.helmdeck.sync.lease;

/**
 * A call to repo-service's internal API failed: no answer, or a status the contract does not expect. The message
 * carries the problem+json title or detail, never a request body.
 */
public class RepoServiceException extends RuntimeException {

    private final int status;

    public RepoServiceException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** Worth another try soon: no answer, or repo-service itself was busy or failing. */
    public boolean retryable() {
        return status == 0 || status == 429 || status >= 500;
    }
}
