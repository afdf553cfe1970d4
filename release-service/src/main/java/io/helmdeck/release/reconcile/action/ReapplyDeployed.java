package io.helmdeck.release.reconcile.action;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.ReleaseOperations;
import io.helmdeck.release.reconcile.ReleasePlan;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.render.ManifestObject;
import io.helmdeck.release.render.RenderException;

/**
 * Nothing new to deploy: the deployed revision's stored manifest is applied again, which undoes drift (no new
 * revision, no hooks, no render). A failed last attempt that remediation settled keeps the release Failed.
 */
@ApplicationScoped
public class ReapplyDeployed implements ReleaseAction {

    /** Reason of a re-apply of the deployed revision that the cluster refused. */
    public static final String DRIFT_CORRECTION_FAILED = "DriftCorrectionFailed";
    static final String APPLIED = Reasons.SUCCEEDED;

    private final ReleaseOperations operations;
    private final RevisionLedger ledger;
    private final PolicyGate gate;

    public ReapplyDeployed(ReleaseOperations operations, RevisionLedger ledger, PolicyGate gate) {
        this.operations = operations;
        this.ledger = ledger;
        this.gate = gate;
    }

    @Override
    public NextAction kind() {
        return NextAction.REAPPLY_DEPLOYED;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        ReleaseState state = situation.state();
        ReleasePlan.Current current = (ReleasePlan.Current) situation.plan();
        Optional<RevisionRow> deployed = state.deployed();
        Optional<RevisionRow> last = state.lastAttempt();
        boolean lastFailed = last.isPresent() && RevisionRow.FAILED.equals(last.get().status())
                && (deployed.isEmpty() || last.get().revision() > deployed.get().revision()
                        || isRemediation(state, deployed.get()));
        if (lastFailed) {
            String reason = RevisionRow.UPGRADE.equals(last.get().action()) ? Reasons.UPGRADE_FAILED
                    : Reasons.INSTALL_FAILED;
            draft.phase(ReleasePhase.Failed.name()).ready(false, reason, "revision " + last.get().revision()
                    + " failed; " + current.why());
        }
        if (deployed.isEmpty()) {
            return Outcome.atInterval(APPLIED);
        }
        RevisionRow row = deployed.get();
        try {
            List<ManifestObject> objects = ledger.deployedObjects(state, row);
            Optional<String> refusal = gate.refusal(state, objects, false);
            if (refusal.isPresent()) {
                // The policy narrowed after this revision was deployed: it is no longer re-applied.
                return PolicyGate.refused(draft, "revision " + row.revision() + " is not re-applied: "
                        + refusal.get());
            }
            draft.inventory = operations.reapply(situation.target(), objects);
            if (!lastFailed) {
                String message = "revision " + row.revision() + " of " + row.chartName() + "-" + row.chartVersion()
                        + " from " + row.sourceRevision() + " is applied"
                        + ("up to date".equals(current.why()) ? "" : "; " + current.why());
                draft.phase(ReleasePhase.Deployed.name()).ready(true, readyReason(state), message);
            }
            return Outcome.atInterval(APPLIED);
        } catch (RenderException | ApplyException e) {
            draft.ready(false, DRIFT_CORRECTION_FAILED, "re-applying revision " + row.revision() + " failed: "
                    + e.getMessage());
            return Outcome.retry(DRIFT_CORRECTION_FAILED);
        }
    }

    /** Whether the deployed revision is a rollback made by remediation (not by a user). */
    private static boolean isRemediation(ReleaseState state, RevisionRow deployed) {
        return RevisionRow.ROLLBACK.equals(deployed.action()) && state.conditions().stream()
                .anyMatch(c -> Condition.REMEDIATED.equals(c.type()) && Condition.TRUE.equals(c.status()));
    }

    private static String readyReason(ReleaseState state) {
        return state.conditions().stream().filter(c -> Condition.RELEASED.equals(c.type())).map(Condition::reason)
                .findFirst().orElse(Reasons.SUCCEEDED);
    }
}
