package io.helmdeck.sync.lease;

import io.helmdeck.client.ServiceCallException;

/**
 * A call to repo-service's internal API failed: no answer, or a status the contract does not expect. It wraps the
 * shared client's {@link ServiceCallException} (ADR 0021) and keeps its status and retry rule; the type tells the
 * sync loop (retry the report) and the report's reason (storing the artifact failed) that repo-service failed. The
 * message carries the problem+json title or detail, never a request body or token.
 */
public class RepoServiceException extends RuntimeException {

    private final ServiceCallException call;

    public RepoServiceException(ServiceCallException call) {
        super(call.getMessage(), call);
        this.call = call;
    }

    /** {@code what} names the call whose answer could not be used, e.g. "renew lease of repository 7". */
    public RepoServiceException(String what, ServiceCallException call) {
        super(what + ": " + call.getMessage(), call);
        this.call = call;
    }

    /** HTTP status, 0 when there was no answer. */
    public int status() {
        return call.status();
    }

    /** Worth another try soon: no answer, or repo-service itself was busy or failing. */
    public boolean retryable() {
        return call.retryable();
    }
}
