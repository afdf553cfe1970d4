package io.helmdeck.release.reconcile.action;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Artifact;
import io.helmdeck.model.Condition;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.ReleaseTarget;
import io.helmdeck.release.persistence.PendingWait;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.ChartUnavailable;
import io.helmdeck.release.reconcile.ReleaseOperations;
import io.helmdeck.release.reconcile.ReleasePlan;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.reconcile.ValuesDigest;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderedRelease;

/**
 * What {@link Install} and {@link Upgrade} share: render the source's artifact as a new revision, record it as
 * pending, take it through Helm's stages ({@link ActionStages}: pre hooks, apply, readiness, post hooks; while a hook
 * runs or the objects are not ready yet, the revision stays pending and {@link AwaitReady} comes back to it), record
 * the result. A
 * failure with retries left asks for a retry; with none left the outcome lets the reconcile go on to the remediation
 * {@link io.helmdeck.release.reconcile.NextAction} picks.
 */
@ApplicationScoped
public class DeployRevision {

    private final RevisionRenderer renderer;
    private final ReleaseOperations operations;
    private final RevisionLedger ledger;
    private final PolicyGate gate;
    private final ActionStages stages;
    private final Clock clock;

    public DeployRevision(RevisionRenderer renderer, ReleaseOperations operations, RevisionLedger ledger,
            PolicyGate gate, ActionStages stages, Clock clock) {
        this.renderer = renderer;
        this.operations = operations;
        this.ledger = ledger;
        this.gate = gate;
        this.stages = stages;
        this.clock = clock;
    }

    /** Deploys the source's artifact as a new revision: an upgrade when something is deployed, else an install. */
    Outcome deploy(Situation situation, StatusDraft draft, Kind kind) {
        ReleaseState state = situation.state();
        Artifact artifact = situation.artifact();
        ReleasePlan.Deploy plan = (ReleasePlan.Deploy) situation.plan();
        int revision = state.nextRevisionNumber();
        draft.lastAttemptedRevision = artifact.revision();
        RenderedRelease rendered;
        try {
            rendered = renderer.render(state, artifact.digest(), state.values(), revision, kind.upgrade());
        } catch (RenderException | ChartUnavailable e) {
            String reason = e instanceof ChartUnavailable ? Reasons.ARTIFACT_FAILED : Reasons.RENDER_FAILED;
            draft.failures++;
            draft.phase(ReleasePhase.Failed.name()).ready(false, reason, e.getMessage());
            return e instanceof ChartUnavailable ? Outcome.retry(reason) : Outcome.atInterval(reason);
        }
        Optional<String> refusal = gate.refusal(state, rendered, state.createNamespace());
        if (refusal.isPresent()) {
            // Not an attempt: nothing was recorded or applied, so no retries are used and nothing is remediated.
            return PolicyGate.refused(draft, refusal.get());
        }
        String action = kind.action();
        RevisionRow row = new RevisionRow(revision, rendered.chart().name(), rendered.chart().version(),
                rendered.chart().appVersion(), artifact.revision(), artifact.digest(), state.values(),
                ValuesDigest.of(state.values()), List.of(), RevisionRow.PENDING_PREFIX + action, action);
        ledger.begin(state, row, rendered, (kind.upgrade() ? "Upgrade" : "Install") + " started");
        ReleaseTarget target = situation.target();
        try {
            if (state.createNamespace()) {
                // Before Helm's record: its Secret lives in the target namespace.
                operations.ensureNamespace(target);
            }
            ledger.helmRecord(state, row, rendered, row.status(), "Preparing " + action);
            if (!kind.upgrade()) {
                operations.installCrds(target, rendered);
            }
        } catch (ApplyException e) {
            return failedAttempt(state, draft, row, rendered, plan.attempt(), e.getMessage(), kind);
        }
        PendingWait wait = PendingWait.starting(revision, action, false, plan.attempt(), 0, clock.instant(),
                state.timeout());
        ReadinessWait.Verdict verdict = stages.begin(state, draft, rendered, wait,
                state.deployed().map(RevisionRow::inventory).orElse(List.of()));
        return conclude(state, draft, row, rendered, verdict, wait, kind);
    }

    /**
     * Ends (or continues) an attempt after a step of its stages: still waiting (a hook, or readiness) asks to be
     * polled; failed counts as a failed attempt; ready (post hooks done) records the revision deployed.
     */
    Outcome conclude(ReleaseState state, StatusDraft draft, RevisionRow row, RenderedRelease rendered,
            ReadinessWait.Verdict verdict, PendingWait wait, Kind kind) {
        if (verdict instanceof ReadinessWait.Verdict.Waiting) {
            return Outcome.poll(ReadinessWait.PROGRESSING);
        }
        if (verdict instanceof ReadinessWait.Verdict.Failed failed) {
            return failedAttempt(state, draft, row, rendered, wait.attempt(), failed.why(), kind);
        }
        List<InventoryEntry> inventory = ((ReadinessWait.Verdict.Ready) verdict).inventory();
        String description = kind.upgrade() ? "Upgrade complete" : "Install complete";
        ledger.deployed(state, draft, row, rendered, inventory, description, state.deployed());
        String message = description + ": revision " + row.revision() + " of " + rendered.chart().name() + "-"
                + rendered.chart().version() + " from " + row.sourceRevision();
        draft.phase(ReleasePhase.Deployed.name()).ready(true, kind.succeeded(), message)
                .condition(Condition.RELEASED, true, kind.succeeded(), message).without(Condition.REMEDIATED);
        draft.lastAppliedRevision = row.sourceRevision();
        draft.failures = 0;
        draft.installAttempts = 0;
        draft.upgradeAttempts = 0;
        return Outcome.atInterval(kind.succeeded());
    }

    private Outcome failedAttempt(ReleaseState state, StatusDraft draft, RevisionRow row, RenderedRelease rendered,
            int attempt, String error, Kind kind) {
        String what = kind.action() + " to revision " + row.revision() + " failed: " + error;
        int retries = kind.upgrade() ? state.upgradeRetries() : state.installRetries();
        ledger.failed(state, row, rendered, what);
        draft.waiting = null;
        draft.failures++;
        if (kind.upgrade()) {
            draft.upgradeAttempts = attempt;
        } else {
            draft.installAttempts = attempt;
        }
        draft.phase(ReleasePhase.Failed.name()).ready(false, kind.failed(), what)
                .condition(Condition.RELEASED, false, kind.failed(), what);
        if (attempt <= retries) {
            draft.ready(false, kind.failed(), what + " (attempt " + attempt + " of " + (retries + 1) + "; retrying)");
            return Outcome.retry(kind.failed());
        }
        // No retries left: the reconcile goes on to remediate.
        return Outcome.proceed(kind.failed());
    }

    /** Install or upgrade, with the reasons each reports. */
    record Kind(boolean upgrade, String succeeded, String failed) {

        String action() {
            return upgrade ? RevisionRow.UPGRADE : RevisionRow.INSTALL;
        }
    }
}
