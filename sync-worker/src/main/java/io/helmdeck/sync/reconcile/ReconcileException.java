package io.helmdeck.sync.reconcile;

import io.helmdeck.model.Reasons;

/** A sync failed for a reason found by the pipeline itself rather than by the registry client or the chart reader. */
public class ReconcileException extends RuntimeException {

    private final String reason;

    /** @param reason one of {@link Reasons} */
    public ReconcileException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
