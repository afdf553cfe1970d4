package io.helmdeck.release.reconcile.action;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;

/**
 * {@code POST …/rollback}: deploys the wanted kept revision (0: the previous successful one) as a new revision. The
 * request is cleared whatever happens, so a rollback that cannot be done is reported once, not retried.
 */
@ApplicationScoped
public class RequestedRollback implements ReleaseAction {

    static final String NOT_KEPT = Reasons.ROLLBACK_FAILED;
    static final String NO_CLUSTER = Reasons.CLUSTER_UNAVAILABLE;

    private final RollbackRevision rollbacks;

    public RequestedRollback(RollbackRevision rollbacks) {
        this.rollbacks = rollbacks;
    }

    @Override
    public NextAction kind() {
        return NextAction.REQUESTED_ROLLBACK;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        ReleaseState state = situation.state();
        int wanted = state.rollbackTo();
        Optional<RevisionRow> to = wanted == 0 ? previousSuccessful(state)
                : state.revisions().stream().filter(r -> r.revision() == wanted).findFirst();
        if (to.isEmpty()) {
            draft.condition(Condition.RELEASED, false, NOT_KEPT,
                    wanted == 0 ? "no earlier successful revision to roll back to"
                            : "revision " + wanted + " is not kept");
            return Outcome.atInterval(NOT_KEPT).consumingRollback();
        }
        if (!situation.clusterAvailable()) {
            draft.phase(ReleasePhase.ClusterUnavailable.name()).ready(false, NO_CLUSTER,
                    "cannot roll back: " + situation.clusterDescription());
            return Outcome.atInterval(NO_CLUSTER).consumingRollback();
        }
        return rollbacks.rollback(state, draft, to.get(), state.inventory(), false).consumingRollback();
    }

    private static Optional<RevisionRow> previousSuccessful(ReleaseState state) {
        Integer current = state.deployed().map(RevisionRow::revision).orElse(Integer.MAX_VALUE);
        return state.revisions().stream()
                .filter(r -> r.revision() < current)
                .filter(r -> RevisionRow.SUPERSEDED.equals(r.status()) || RevisionRow.ROLLED_BACK.equals(r.status()))
                .findFirst();
    }
}
