package io.helmdeck.sync.reconcile;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.helmdeck.model.Reasons;
import io.helmdeck.sync.chart.InvalidChartException;
import io.helmdeck.sync.lease.RepoServiceException;
import io.helmdeck.sync.oci.RegistryException;

/** Why a sync failed, as it goes into the report: a typed reason, a message without secrets, maybe a wait. */
public record SyncFailure(String reason, String message, Duration retryAfter) {

    private static final Logger LOG = Logger.getLogger(SyncFailure.class);

    /** Every failure gets a reason; only one nobody anticipated is logged with its stack trace. */
    public static SyncFailure of(Throwable failure, String repository) {
        if (failure instanceof RegistryException e) {
            return new SyncFailure(e.reason(), e.getMessage(), e.retryAfter().orElse(null));
        }
        if (failure instanceof InvalidChartException e) {
            return new SyncFailure(e.reason(), e.getMessage(), null);
        }
        if (failure instanceof ReconcileException e) {
            return new SyncFailure(e.reason(), e.getMessage(), null);
        }
        if (failure instanceof RepoServiceException e) {
            return new SyncFailure(Reasons.STORAGE_OPERATION_FAILED, "storing the artifact failed: "
                    + e.getMessage(), null);
        }
        LOG.warnf(failure, "sync of %s failed unexpectedly", repository);
        return new SyncFailure(Reasons.INTERNAL_ERROR, "sync failed in the worker: "
                + failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()),
                null);
    }

    /** Whole seconds, rounded up so a client never retries early. */
    Long retryAfterSeconds() {
        if (retryAfter == null) {
            return null;
        }
        long seconds = retryAfter.toSeconds();
        return retryAfter.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1;
    }
}
