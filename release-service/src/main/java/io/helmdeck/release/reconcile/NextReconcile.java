package io.helmdeck.release.reconcile;

import java.time.Duration;
import java.time.Instant;

import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.reconcile.action.Outcome;

/**
 * When a release is looked at again after a reconcile: soon after a failure (its retry delay), on a growing delay
 * while an action waits (ADR 0022: after 2, 4, 8 s, then every 10 s by default), otherwise at its interval.
 */
final class NextReconcile {

    private NextReconcile() {
    }

    static Instant after(Instant now, ReleaseState state, Outcome outcome, StatusDraft draft, ReconcileConfig config) {
        Duration delay = switch (outcome.then()) {
            case RETRY -> config.retryDelay();
            case POLL -> pollDelay(draft.waiting == null ? 0 : draft.waiting.polls(), config);
            default -> state.interval();
        };
        return now.plus(delay);
    }

    /** The delay before readiness check number {@code polls} + 1: doubling from the minimum, capped. */
    static Duration pollDelay(int polls, ReconcileConfig config) {
        Duration delay = config.waitPollMin();
        for (int i = 1; i < polls && delay.compareTo(config.waitPollMax()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.waitPollMax()) > 0 ? config.waitPollMax() : delay;
    }
}
