package io.helmdeck.release.reconcile.action;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Condition;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.persistence.PendingWait;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.ChartUnavailable;
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
    private final RevisionLedger ledger;
    private final PolicyGate gate;
    private final ActionStages stages;
    private final Clock clock;

    public RollbackRevision(RevisionRenderer renderer, RevisionLedger ledger, PolicyGate gate, ActionStages stages,
            Clock clock) {
        this.renderer = renderer;
        this.ledger = ledger;
        this.gate = gate;
        this.stages = stages;
        this.clock = clock;
    }

    /**
     * Rolls back to {@code to}; {@code previous} is the inventory to replace (objects only it has are deleted).
     * The outcome's reason is {@link #SUCCEEDED}, {@link #FAILED}, {@link ReadinessWait#PROGRESSING} (a rollback hook
     * still runs or the rolled-back objects are not ready yet: {@link AwaitReady} comes back to them) or, when the revision's objects lie outside
     * the tenant's cluster policy (nothing applied), {@link PolicyGate#VIOLATION}.
     */
    Outcome rollback(ReleaseState state, StatusDraft draft, RevisionRow to, List<InventoryEntry> previous,
            boolean remediation) {
        List<RevisionRow> history = ledger.history(state);
        int revision = history.isEmpty() ? 1 : history.get(0).revision() + 1;
        String description = "Rollback to " + to.revision();
        RevisionRow row = new RevisionRow(revision, to.chartName(), to.chartVersion(), to.appVersion(),
                to.sourceRevision(), to.sourceDigest(), to.values(), to.valuesDigest(), List.of(),
                RevisionRow.PENDING_PREFIX + RevisionRow.ROLLBACK, RevisionRow.ROLLBACK);
        RenderedRelease rendered;
        try {
            rendered = renderer.render(state, to.sourceDigest(), to.values(), revision, true);
        } catch (RenderException | ChartUnavailable e) {
            return Outcome.atInterval(failed(draft, remediation,
                    "rollback to revision " + to.revision() + " failed: " + e.getMessage()));
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
            return Outcome.atInterval(PolicyGate.VIOLATION);
        }
        ledger.begin(state, row, rendered, description);
        ledger.helmRecord(state, row, rendered, row.status(), description);
        PendingWait wait = PendingWait.starting(revision, RevisionRow.ROLLBACK, remediation, 0, to.revision(),
                clock.instant(), state.timeout());
        return conclude(state, draft, row, rendered, stages.begin(state, draft, rendered, wait, previous), wait);
    }

    /**
     * Ends (or continues) a rollback after a step of its stages: still waiting (a hook, or readiness) asks to be
     * polled; failed is {@link #FAILED}; ready (post-rollback hooks done) records the revision deployed.
     */
    Outcome conclude(ReleaseState state, StatusDraft draft, RevisionRow row, RenderedRelease rendered,
            ReadinessWait.Verdict verdict, PendingWait wait) {
        if (verdict instanceof ReadinessWait.Verdict.Waiting) {
            return Outcome.poll(ReadinessWait.PROGRESSING);
        }
        if (verdict instanceof ReadinessWait.Verdict.Failed failed) {
            String what = "rollback to revision " + wait.rollbackOf() + " failed: " + failed.why();
            ledger.failed(state, row, rendered, what);
            draft.waiting = null;
            return Outcome.atInterval(failed(draft, wait.remediation(), what));
        }
        List<InventoryEntry> inventory = ((ReadinessWait.Verdict.Ready) verdict).inventory();
        // The revision this one replaces: the deployed one, marked rolled back by a user's rollback.
        Optional<RevisionRow> replaced = state.deployed();
        ledger.deployed(state, draft, row, rendered, inventory, "Rollback to " + wait.rollbackOf(),
                wait.remediation() ? Optional.empty() : replaced);
        draft.lastAppliedRevision = row.sourceRevision();
        String message = "rolled back to revision " + wait.rollbackOf() + " as revision " + row.revision();
        if (wait.remediation()) {
            // The failed attempt's reason stays on Ready and Released: the wanted inputs are not deployed.
            draft.condition(Condition.REMEDIATED, true, SUCCEEDED, message);
            restoreFailedReady(draft);
        } else {
            draft.phase(ReleasePhase.Deployed.name()).ready(true, SUCCEEDED, message)
                    .condition(Condition.RELEASED, true, SUCCEEDED, message).without(Condition.REMEDIATED);
            draft.failures = 0;
        }
        return Outcome.atInterval(SUCCEEDED);
    }

    /**
     * While a remediating rollback waited, {@code Ready} said {@code Progressing}; once it is over, {@code Ready}
     * says again why the wanted inputs are not deployed: the failure {@code Released} kept.
     */
    private static void restoreFailedReady(StatusDraft draft) {
        Condition released = draft.get(Condition.RELEASED);
        if (released != null && Condition.FALSE.equals(released.status())) {
            draft.phase(ReleasePhase.Failed.name()).ready(false, released.reason(), released.message());
        }
    }

    private static String failed(StatusDraft draft, boolean remediation, String what) {
        draft.failures++;
        if (remediation) {
            draft.condition(Condition.REMEDIATED, false, FAILED, what);
            restoreFailedReady(draft);
        } else {
            draft.phase(ReleasePhase.Failed.name()).ready(false, FAILED, what)
                    .condition(Condition.RELEASED, false, FAILED, what);
        }
        return FAILED;
    }
}
