package io.helmdeck.release.flux;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.reconcile.action.Outcome;
import io.helmdeck.release.reconcile.action.ReleaseAction;
import io.helmdeck.release.reconcile.action.RevisionLedger;

/** Deletion in Flux mode: the Flux objects go (Flux's helm-controller uninstalls the release), then the rows. */
@ApplicationScoped
public class FluxUninstall implements ReleaseAction {

    static final String DELETED = Reasons.UNINSTALL_SUCCEEDED;
    static final String FAILED = Reasons.UNINSTALL_FAILED;

    private final FluxDeployer deployer;
    private final RevisionLedger ledger;

    public FluxUninstall(FluxDeployer deployer, RevisionLedger ledger) {
        this.deployer = deployer;
        this.ledger = ledger;
    }

    @Override
    public NextAction kind() {
        return NextAction.FLUX_UNINSTALL;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        try {
            deployer.delete(FluxReleaseSpec.ServiceAccount.of(situation.state().identity()),
                    situation.state().tenant(), situation.state().name());
        } catch (ApplyException e) {
            draft.phase(ReleasePhase.Uninstalling.name()).ready(false, FAILED,
                    "the Flux objects could not be deleted: " + e.getMessage());
            return Outcome.retry(FAILED);
        }
        ledger.deleteRelease(situation.state());
        return Outcome.gone(DELETED);
    }
}
