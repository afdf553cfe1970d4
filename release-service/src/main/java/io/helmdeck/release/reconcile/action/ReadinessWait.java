package io.helmdeck.release.reconcile.action;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.health.InventoryReadiness;
import io.helmdeck.release.health.InventoryReadiness.Readiness;
import io.helmdeck.release.persistence.PendingWait;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.reconcile.StatusDraft;

/**
 * One readiness check of an applied revision, as Flux's helm-controller waits with kstatus: every object of its
 * inventory read back (as the release's identity) and judged; all ready passes, one failed fails at once, the
 * release's {@code timeout} after the apply fails the rest. In between, the draft keeps the wait (resumed by
 * {@link AwaitReady} at the next reconcile) and says what is waited for. Never sleeps: a wait holds no slot.
 */
@ApplicationScoped
public class ReadinessWait {

    static final String PROGRESSING = Reasons.PROGRESSING;

    private final InventoryReadiness readiness;
    private final Clock clock;

    public ReadinessWait(InventoryReadiness readiness, Clock clock) {
        this.readiness = readiness;
        this.clock = clock;
    }

    /** What a check found. */
    sealed interface Verdict {
        /**
         * Every object ready (or nothing waited for); from {@link ActionStages}, the post hooks done too: the action
         * succeeded.
         */
        record Ready(List<InventoryEntry> inventory) implements Verdict {
        }

        /**
         * An object failed, or the deadline passed: {@code why} names each object not ready and why (from
         * {@link ActionStages}: or the hook or apply that failed).
         */
        record Failed(String why) implements Verdict {
        }

        /** Not there yet: check again later. */
        record Waiting() implements Verdict {
        }
    }

    /** The readiness stage of {@code wait}, starting now for objects just applied: the release's timeout from now. */
    PendingWait begin(ReleaseState state, PendingWait wait) {
        Instant now = clock.instant();
        return wait.readiness(now, now.plus(state.timeout()));
    }

    /**
     * Checks the waited revision's objects; the draft's inventory gets their health. Ends the wait in the draft
     * unless the verdict is {@link Verdict.Waiting}, which also sets {@code Ready=Unknown}, reason
     * {@code Progressing}, with what is waited for now.
     */
    Verdict check(ReleaseState state, StatusDraft draft, PendingWait wait, List<InventoryEntry> inventory) {
        if (!state.waitOptions().waits(wait.action())) {
            draft.waiting = null;
            return new Verdict.Ready(inventory);
        }
        Readiness found = readiness.check(state.identity(), inventory,
                state.waitOptions().waitsForJobs(wait.action()));
        draft.inventory = found.entries();
        if (!found.failed().isEmpty()) {
            draft.waiting = null;
            return new Verdict.Failed(Readiness.describe(found.failed()));
        }
        if (found.allReady()) {
            draft.waiting = null;
            return new Verdict.Ready(found.entries());
        }
        List<InventoryEntry> unready = found.unready();
        if (!clock.instant().isBefore(wait.deadline())) {
            draft.waiting = null;
            return new Verdict.Failed("timed out after " + state.timeout().toSeconds()
                    + "s waiting for readiness: " + Readiness.describe(unready));
        }
        String more = unready.size() > 1 ? " (and " + (unready.size() - 1) + " more not ready)" : "";
        draft.awaiting(wait.polled(), wait.action() + ": waiting for " + unready.get(0).healthMessage() + more);
        return new Verdict.Waiting();
    }
}
