package io.helmdeck.release.reconcile.action;

/**
 * What an action reports to the reconciler: a reason (one of {@link io.helmdeck.model.Reasons} or the action's
 * own constant) and what happens next.
 *
 * @param consumedRollback the action acted on the user's rollback request, so the status write clears it
 */
public record Outcome(String reason, Then then, boolean consumedRollback) {

    /** What the reconciler does after the action. */
    public enum Then {
        /** Decide again in this reconcile (the history is read again first). */
        CONTINUE,
        /** Save the status; reconcile again after the release's interval. */
        AT_INTERVAL,
        /** Save the status; reconcile again after {@code helmdeck.reconcile.retry-delay}. */
        RETRY,
        /**
         * Save the status; check the readiness of the waited revision again soon (after
         * {@code helmdeck.reconcile.wait-poll-min}, growing to {@code wait-poll-max}).
         */
        POLL,
        /** The release's rows are gone: nothing to save. */
        GONE
    }

    public static Outcome proceed(String reason) {
        return new Outcome(reason, Then.CONTINUE, false);
    }

    public static Outcome atInterval(String reason) {
        return new Outcome(reason, Then.AT_INTERVAL, false);
    }

    public static Outcome retry(String reason) {
        return new Outcome(reason, Then.RETRY, false);
    }

    public static Outcome poll(String reason) {
        return new Outcome(reason, Then.POLL, false);
    }

    public static Outcome gone(String reason) {
        return new Outcome(reason, Then.GONE, false);
    }

    /** The same outcome, clearing the user's rollback request when saved. */
    public Outcome consumingRollback() {
        return new Outcome(reason, then, true);
    }
}
