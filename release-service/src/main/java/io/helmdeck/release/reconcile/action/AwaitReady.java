package io.helmdeck.release.reconcile.action;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.persistence.PendingWait;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.ChartUnavailable;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderedRelease;

/**
 * The newest revision's install, upgrade or rollback is under way and was waiting (for a pre or post hook Job or Pod,
 * or for its objects to be ready): look again. Still not done, the release is polled again soon (the reconcile slot
 * is free meanwhile); done or failed, the action goes on through its stages ({@link ActionStages}) as it would have
 * in one go, and finishes there or waits again at the next stage (deployed; or a failed attempt, retries and
 * remediation). A replica that took the release over after a restart lands here too, with the stored deadline.
 */
@ApplicationScoped
public class AwaitReady implements ReleaseAction {

    private final ReadinessWait waits;
    private final ActionStages stages;
    private final RevisionRenderer renderer;
    private final DeployRevision deployments;
    private final RollbackRevision rollbacks;

    public AwaitReady(ReadinessWait waits, ActionStages stages, RevisionRenderer renderer,
            DeployRevision deployments, RollbackRevision rollbacks) {
        this.waits = waits;
        this.stages = stages;
        this.renderer = renderer;
        this.deployments = deployments;
        this.rollbacks = rollbacks;
    }

    @Override
    public NextAction kind() {
        return NextAction.AWAIT_READY;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        ReleaseState state = situation.state();
        PendingWait wait = state.waitingForNewest().orElseThrow();
        RevisionRow row = state.revisions().get(0);
        ReadinessWait.Verdict readiness = null;
        if (wait.onHook()) {
            if (stages.stillOnHook(state, draft, wait)) {
                return Outcome.poll(ReadinessWait.PROGRESSING);
            }
        } else {
            readiness = waits.check(state, draft, wait, state.inventory());
            if (readiness instanceof ReadinessWait.Verdict.Waiting) {
                return Outcome.poll(ReadinessWait.PROGRESSING);
            }
        }
        // The next hooks, the manifest and Helm's record need the revision's objects again: rendered from its stored
        // inputs, only once the stage it waited in is over.
        RenderedRelease rendered;
        try {
            rendered = renderer.render(state, row.sourceDigest(), row.values(), row.revision(),
                    !RevisionRow.INSTALL.equals(wait.action()));
        } catch (RenderException | ChartUnavailable e) {
            // The verdict stands and is checked again once the chart can be had; the wait is kept.
            draft.waiting = wait;
            draft.phase(ReleasePhase.Failed.name()).ready(false, e instanceof ChartUnavailable
                    ? Reasons.ARTIFACT_FAILED : Reasons.RENDER_FAILED, e.getMessage());
            return Outcome.retry(e instanceof ChartUnavailable ? Reasons.ARTIFACT_FAILED : Reasons.RENDER_FAILED);
        }
        ReadinessWait.Verdict verdict = readiness == null ? stages.resumeHook(state, draft, rendered, wait)
                : stages.afterReadiness(state, draft, rendered, wait, readiness);
        return switch (wait.action()) {
            case RevisionRow.INSTALL -> deployments.conclude(state, draft, row, rendered, verdict, wait, Install.KIND);
            case RevisionRow.UPGRADE -> deployments.conclude(state, draft, row, rendered, verdict, wait, Upgrade.KIND);
            default -> rollbacks.conclude(state, draft, row, rendered, verdict, wait);
        };
    }
}
