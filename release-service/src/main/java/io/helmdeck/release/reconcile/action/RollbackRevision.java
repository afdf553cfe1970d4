package io.helmdeck.release.reconcile.action;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Condition;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.ReleaseTarget;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.ChartUnavailable;
import io.helmdeck.release.reconcile.ReleaseOperations;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderedRelease;

/**
 * Deploys a kept revision's chart and values as a new revision (action {@code rollback}): what
 * {@link RequestedRollback} and {@link RemediateByRollback} share. A user's rollback makes the release Deployed; a
 * remediation only sets {@code Remediated}, as the wanted inputs are still not deployed.
 */
@ApplicationScoped
public class RollbackRevision {

    static final String SUCCEEDED = Reasons.ROLLBACK_SUCCEEDED;
    static final String FAILED = Reasons.ROLLBACK_FAILED;

    private final RevisionRenderer renderer;
    private final ReleaseOperations operations;
    private final RevisionLedger ledger;
    private final PolicyGate gate;

    public RollbackRevision(RevisionRenderer renderer, ReleaseOperations operations, RevisionLedger ledger,
            PolicyGate gate) {
        this.renderer = renderer;
        this.operations = operations;
        this.ledger = ledger;
        this.gate = gate;
    }

    /**
     * Rolls back to {@code to}; {@code previous} is the inventory to replace (objects only it has are deleted).
     * Returns {@link #SUCCEEDED}, {@link #FAILED} or, when the revision's objects lie outside the tenant's cluster
     * policy (nothing applied), {@link PolicyGate#VIOLATION}.
     */
    String rollback(ReleaseState state, StatusDraft draft, RevisionRow to, List<InventoryEntry> previous,
            boolean remediation) {
        List<RevisionRow> history = ledger.history(state);
        int revision = history.isEmpty() ? 1 : history.get(0).revision() + 1;
        Optional<RevisionRow> replaced = history.stream().filter(r -> RevisionRow.DEPLOYED.equals(r.status()))
                .findFirst();
        String description = "Rollback to " + to.revision();
        RevisionRow row = new RevisionRow(revision, to.chartName(), to.chartVersion(), to.appVersion(),
                to.sourceRevision(), to.sourceDigest(), to.values(), to.valuesDigest(), List.of(),
                RevisionRow.PENDING_PREFIX + RevisionRow.ROLLBACK, RevisionRow.ROLLBACK);
        RenderedRelease rendered;
        try {
            rendered = renderer.render(state, to.sourceDigest(), to.values(), revision, true);
        } catch (RenderException | ChartUnavailable e) {
            return failed(draft, remediation, "rollback to revision " + to.revision() + " failed: " + e.getMessage());
        }
        Optional<String> refusal = gate.refusal(state, rendered, false);
        if (refusal.isPresent()) {
            // The policy may have narrowed since that revision was deployed: it is not brought back.
            String what = "rollback to revision " + to.revision() + " refused: " + refusal.get();
            if (remediation) {
                draft.failures++;
                draft.condition(Condition.REMEDIATED, false, PolicyGate.VIOLATION, what);
            } else {
                PolicyGate.refused(draft, what);
            }
            return PolicyGate.VIOLATION;
        }
        ledger.begin(state, row, rendered, description);
        ledger.helmRecord(state, row, rendered, row.status(), description);
        try {
            ReleaseTarget target = state.target();
            List<InventoryEntry> inventory = operations.rollback(target, rendered, previous, state.timeout());
            ledger.deployed(state, draft, row, rendered, inventory, description,
                    remediation ? Optional.empty() : replaced);
            draft.lastAppliedRevision = to.sourceRevision();
            String message = "rolled back to revision " + to.revision() + " as revision " + revision;
            if (remediation) {
                // The failed attempt's reason stays on Ready and Released: the wanted inputs are not deployed.
                draft.condition(Condition.REMEDIATED, true, SUCCEEDED, message);
            } else {
                draft.phase(ReleasePhase.Deployed.name()).ready(true, SUCCEEDED, message)
                        .condition(Condition.RELEASED, true, SUCCEEDED, message).without(Condition.REMEDIATED);
                draft.failures = 0;
            }
            return SUCCEEDED;
        } catch (ApplyException e) {
            String what = "rollback to revision " + to.revision() + " failed: " + e.getMessage();
            ledger.failed(state, row, rendered, what);
            return failed(draft, remediation, what);
        }
    }

    private static String failed(StatusDraft draft, boolean remediation, String what) {
        draft.failures++;
        if (remediation) {
            draft.condition(Condition.REMEDIATED, false, FAILED, what);
        } else {
            draft.phase(ReleasePhase.Failed.name()).ready(false, FAILED, what)
                    .condition(Condition.RELEASED, false, FAILED, what);
        }
        return FAILED;
    }
}
