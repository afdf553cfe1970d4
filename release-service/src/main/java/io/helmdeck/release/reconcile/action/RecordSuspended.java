package io.helmdeck.release.reconcile.action;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;

/**
 * A suspended release is claimed only when its spec changed (or its deletion was requested): record that the change
 * was seen; the cluster is not touched.
 */
@ApplicationScoped
public class RecordSuspended implements ReleaseAction {

    static final String SUSPENDED = Reasons.SUSPENDED;

    @Override
    public NextAction kind() {
        return NextAction.SUSPENDED;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        draft.phase(ReleasePhase.Suspended.name()).ready(false, SUSPENDED, "reconciling is suspended");
        return Outcome.atInterval(SUSPENDED);
    }
}
