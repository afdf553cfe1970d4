package io.helmdeck.release.reconcile.action;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.HookProgress;
import io.helmdeck.release.persistence.PendingWait;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.ChartUnavailable;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.ReleaseOperations;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.render.HookEvent;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderedRelease;
import org.jboss.logging.Logger;

/**
 * Deletion requested, in Helm's order: pre-delete hooks, the inventory deleted (reverse order, CRDs never in it),
 * post-delete hooks, Helm's records, then the release's rows. A delete hook Job or Pod still running ends the
 * reconcile with a stored wait ({@link PendingWait}, action {@code uninstall}), as install, upgrade and rollback
 * hooks do (ADR 0029): no reconcile slot is held while it runs, and any replica resumes where it stood. Nothing
 * applied: the rows go at once.
 */
@ApplicationScoped
public class Uninstall implements ReleaseAction {

    static final String UNINSTALLED = Reasons.UNINSTALL_SUCCEEDED;
    static final String FAILED = Reasons.UNINSTALL_FAILED;
    static final String NO_CLUSTER = Reasons.CLUSTER_UNAVAILABLE;

    private static final Logger LOG = Logger.getLogger(Uninstall.class);

    private final RevisionRenderer renderer;
    private final ReleaseOperations operations;
    private final RevisionLedger ledger;
    private final ActionStages stages;

    public Uninstall(RevisionRenderer renderer, ReleaseOperations operations, RevisionLedger ledger,
            ActionStages stages) {
        this.renderer = renderer;
        this.operations = operations;
        this.ledger = ledger;
        this.stages = stages;
    }

    @Override
    public NextAction kind() {
        return NextAction.UNINSTALL;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        ReleaseState state = situation.state();
        boolean applied = !state.inventory().isEmpty() || state.currentRevision() != null;
        if (applied && !situation.clusterAvailable()) {
            draft.phase(ReleasePhase.Uninstalling.name()).ready(false, NO_CLUSTER,
                    "cannot uninstall: " + situation.clusterDescription());
            return Outcome.atInterval(NO_CLUSTER);
        }
        if (applied) {
            PendingWait wait = storedWait(state);
            if (wait != null && stages.stillOnHook(state, draft, wait)) {
                draft.phase(ReleasePhase.Uninstalling.name());
                return Outcome.poll(ReadinessWait.PROGRESSING);
            }
            try {
                if (!throughHooks(state, draft, wait)) {
                    return Outcome.poll(ReadinessWait.PROGRESSING);
                }
                ledger.forgetHelmRecords(state);
            } catch (ApplyException e) {
                // Started over at the next attempt, pre-delete hooks first, as a second `helm uninstall` would.
                draft.waiting = null;
                draft.phase(ReleasePhase.Uninstalling.name()).ready(false, FAILED,
                        "uninstall failed: " + e.getMessage());
                return Outcome.retry(FAILED);
            }
        }
        ledger.deleteRelease(state);
        LOG.infof("release %s/%s uninstalled and deleted", state.tenant(), state.name());
        return Outcome.gone(UNINSTALLED);
    }

    /**
     * Takes the uninstall as far as it goes now, from where {@code wait} stood (null: from the start). False when a
     * delete hook still runs: the draft then holds the wait and says so.
     */
    private boolean throughHooks(ReleaseState state, StatusDraft draft, PendingWait wait) throws ApplyException {
        RenderedRelease rendered = deleteHooks(state);
        boolean objectsDeleted = wait != null && PendingWait.POST_HOOKS.equals(wait.stage());
        HookProgress progress = wait == null
                ? start(state, rendered, HookEvent.PRE_DELETE)
                : resume(state, rendered, objectsDeleted ? HookEvent.POST_DELETE : HookEvent.PRE_DELETE, wait);
        if (!objectsDeleted) {
            if (progress instanceof HookProgress.Running running) {
                hookWaiting(state, draft, PendingWait.PRE_HOOKS, running);
                return false;
            }
            operations.delete(state.target(), state.inventory());
            // Gone from the cluster: a resumed post-delete stage must not count them as the release's any more.
            draft.inventory = List.of();
            progress = start(state, rendered, HookEvent.POST_DELETE);
        }
        if (progress instanceof HookProgress.Running running) {
            hookWaiting(state, draft, PendingWait.POST_HOOKS, running);
            return false;
        }
        draft.waiting = null;
        return true;
    }

    private HookProgress start(ReleaseState state, RenderedRelease rendered, HookEvent event) throws ApplyException {
        return rendered == null ? new HookProgress.Done(List.of())
                : operations.startHooks(state.target(), rendered, event, state.timeout());
    }

    /** The stored hook finished (or failed, or is late): the next hooks of its event, or its failure. */
    private HookProgress resume(ReleaseState state, RenderedRelease rendered, HookEvent event, PendingWait wait)
            throws ApplyException {
        if (rendered == null) {
            // The chart can no longer be had: the hooks after the finished one are unknown, so none runs (as when
            // an uninstall starts without its chart).
            return new HookProgress.Done(List.of());
        }
        return operations.resumeHooks(state.target(), rendered, event, ActionStages.runningHook(wait, event),
                state.timeout());
    }

    private static void hookWaiting(ReleaseState state, StatusDraft draft, String stage,
            HookProgress.Running running) {
        int revision = state.currentRevision() == null ? 0 : state.currentRevision();
        PendingWait wait = PendingWait.starting(revision, RevisionRow.UNINSTALL, false, 1, 0, running.startedAt(),
                state.timeout()).onHook(stage, running.index(), running.hook(), running.startedAt(), running.deadline());
        draft.awaiting(wait, RevisionRow.UNINSTALL + ": " + running.message())
                .phase(ReleasePhase.Uninstalling.name());
    }

    /** The uninstall's own stored wait; an install or upgrade wait the deletion interrupted does not count. */
    private static PendingWait storedWait(ReleaseState state) {
        PendingWait wait = state.waiting();
        return wait != null && RevisionRow.UNINSTALL.equals(wait.action()) && wait.onHook() ? wait : null;
    }

    /** The deployed revision rendered again for its delete hooks; null (no hooks) when that cannot be done. */
    private RenderedRelease deleteHooks(ReleaseState state) {
        return state.deployed().map(row -> {
            try {
                return renderer.render(state, row.sourceDigest(), row.values(), row.revision(), true);
            } catch (RenderException | ChartUnavailable e) {
                LOG.warnf("uninstall of %s/%s runs no delete hooks: %s", state.tenant(), state.name(),
                        e.getMessage());
                return null;
            }
        }).orElse(null);
    }
}
