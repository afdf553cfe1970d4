package io.helmdeck.release.reconcile.action;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Reasons;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;

/** Installs the source's artifact when nothing is deployed: CRDs, pre-install hooks, manifest, post-install hooks. */
@ApplicationScoped
public class Install implements ReleaseAction {

    static final String SUCCEEDED = Reasons.INSTALL_SUCCEEDED;
    static final String FAILED = Reasons.INSTALL_FAILED;

    static final DeployRevision.Kind KIND = new DeployRevision.Kind(false, SUCCEEDED, FAILED);

    private final DeployRevision deployment;

    public Install(DeployRevision deployment) {
        this.deployment = deployment;
    }

    @Override
    public NextAction kind() {
        return NextAction.INSTALL;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        return deployment.deploy(situation, draft, KIND);
    }
}
