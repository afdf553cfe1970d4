package io.helmdeck.release.reconcile.action;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import org.jboss.logging.Logger;

/**
 * A revision still pending was cut off by a restart or a lost lease: it is marked failed ("interrupted") in the
 * history and in Helm's record, and the reconcile goes on. The interruption is NOT counted as a failed attempt: the
 * plan then runs the same action again (applying is idempotent), which finishes it, and a real failure of that run
 * gets the normal retries and remediation. So no release stays stuck in a pending state.
 */
@ApplicationScoped
public class FinishInterrupted implements ReleaseAction {

    /** Reported to the reconciler only; the status is written by the action that follows. */
    static final String INTERRUPTED = "Interrupted";

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
        RevisionRow pending = state.revisions().get(0);
        String what = pending.action() + " to revision " + pending.revision()
                + " was interrupted (release-service stopped or lost its lease); running it again";
        ledger.interrupted(state, pending, what);
        LOG.warnf("release %s/%s: %s", state.tenant(), state.name(), what);
        return Outcome.proceed(INTERRUPTED);
    }
}
