package io.helmdeck.release.reconcile.action;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.kube.HelmRevisionStatus;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import org.jboss.logging.Logger;

/**
 * Clears what a cut-off action left behind, then lets the reconcile go on (ADR 0012, 0024):
 * <ul>
 * <li>a revision of Helmdeck's still pending (a restart or a lost lease cut it off) is marked failed
 * ("interrupted") in the history and in Helm's record. That is NOT counted as a failed attempt: the plan then runs
 * the same action again (applying is idempotent), which finishes it, and a real failure of that run gets the normal
 * retries and remediation;</li>
 * <li>Helm's own record stuck {@code pending-*} by someone else (the {@code helm} CLI, a crashed process) is
 * unlocked as Flux's helm-controller does: marked failed, and the next action carries on.</li>
 * </ul>
 * Either way the {@code Recovered} condition says what was done, so no release stays stuck in a pending state.
 */
@ApplicationScoped
public class FinishInterrupted implements ReleaseAction {

    private static final Logger LOG = Logger.getLogger(FinishInterrupted.class);

    private final RevisionLedger ledger;

    public FinishInterrupted(RevisionLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public NextAction kind() {
        return NextAction.FINISH_INTERRUPTED;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        ReleaseState state = situation.state();
        List<String> done = new ArrayList<>();
        String reason = Reasons.INTERRUPTED;
        RevisionRow newest = state.revisions().isEmpty() ? null : state.revisions().get(0);
        boolean ownPending = newest != null && newest.pending();
        if (ownPending) {
            String what = newest.action() + " to revision " + newest.revision()
                    + " was interrupted (release-service stopped or lost its lease); running it again";
            ledger.interrupted(state, newest, what);
            done.add(what);
        }
        HelmRevisionStatus stuck = situation.helmPending();
        if (stuck != null && !(ownPending && stuck.version() == newest.revision())) {
            String what = "Helm's record of revision " + stuck.version() + " was stuck in " + stuck.status().wire()
                    + " (left by the helm CLI or a crashed process); unlocked from stale " + stuck.status().wire()
                    + " state: marked failed";
            ledger.unlocked(state, stuck, what);
            done.add(what);
            reason = Reasons.PENDING_RELEASE_UNLOCKED;
        }
        String message = String.join("; ", done);
        draft.condition(Condition.RECOVERED, true, reason, message);
        LOG.warnf("release %s/%s: %s", state.tenant(), state.name(), message);
        return Outcome.proceed(reason);
    }
}
