package io.helmdeck.release.reconcile.action;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Reasons;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;

/** Upgrades to a new source revision or new values: pre-upgrade hooks, manifest, stale objects deleted, post hooks. */
@ApplicationScoped
public class Upgrade implements ReleaseAction {

    static final String SUCCEEDED = Reasons.UPGRADE_SUCCEEDED;
    static final String FAILED = Reasons.UPGRADE_FAILED;

    static final DeployRevision.Kind KIND = new DeployRevision.Kind(true, SUCCEEDED, FAILED);

    private final DeployRevision deployment;

    public Upgrade(DeployRevision deployment) {
        this.deployment = deployment;
    }

    @Override
    public NextAction kind() {
        return NextAction.UPGRADE;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        return deployment.deploy(situation, draft, KIND);
    }
}
