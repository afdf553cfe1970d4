package io.helmdeck.release.reconcile;

/** The chart artifact could not be fetched from repo-service or failed verification. */
public class ChartUnavailable extends Exception {
    public ChartUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
