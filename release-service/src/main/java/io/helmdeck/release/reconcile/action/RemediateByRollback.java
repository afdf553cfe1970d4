package io.helmdeck.release.reconcile.action;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;

/**
 * An upgrade failed with no retries left and {@code upgrade.remediation.strategy} is {@code rollback}: the deployed
 * revision is deployed again as a new revision, and objects only the failed attempt created are deleted. The
 * release then stays there until its inputs change ({@link io.helmdeck.release.reconcile.ReleasePlan}).
 */
@ApplicationScoped
public class RemediateByRollback implements ReleaseAction {

    private final RollbackRevision rollbacks;

    public RemediateByRollback(RollbackRevision rollbacks) {
        this.rollbacks = rollbacks;
    }

    @Override
    public NextAction kind() {
        return NextAction.REMEDIATE_BY_ROLLBACK;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        ReleaseState state = situation.state();
        return rollbacks.rollback(state, draft, state.deployed().orElseThrow(),
                RemediateByUninstall.touchedByFailedAttempt(state), true);
    }
}
