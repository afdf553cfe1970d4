package io.helmdeck.release.reconcile.action;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.InventoryEntry;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.HookProgress;
import io.helmdeck.release.kube.HookRunner;
import io.helmdeck.release.persistence.PendingWait;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.ReleaseOperations;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.render.HookEvent;
import io.helmdeck.release.render.RenderedRelease;

/**
 * Takes an install, upgrade or rollback through Helm's stages as far as it can go now: pre hooks complete → manifest
 * applied → objects ready → post hooks complete. A hook Job or Pod still running, or objects not ready yet, end the
 * step with {@link ReadinessWait.Verdict.Waiting}: the draft keeps where it stands ({@link PendingWait}, stage and
 * deadline), phase {@code Pending} and what it waits for, and {@link AwaitReady} resumes it at a later reconcile, on
 * any replica. {@link ReadinessWait.Verdict.Ready} means every stage is done; {@link ReadinessWait.Verdict.Failed}
 * names the hook, the apply or the objects that failed. Never sleeps: no reconcile slot is held while Jobs run.
 */
@ApplicationScoped
public class ActionStages {

    private final ReleaseOperations operations;
    private final ReadinessWait waits;
    private final Clock clock;

    public ActionStages(ReleaseOperations operations, ReadinessWait waits, Clock clock) {
        this.operations = operations;
        this.waits = waits;
        this.clock = clock;
    }

    /**
     * Starts the action from its pre hooks; {@code previous} is the inventory its manifest replaces (objects only it
     * has are deleted). An install's {@code crds/} are applied by then.
     */
    ReadinessWait.Verdict begin(ReleaseState state, StatusDraft draft, RenderedRelease rendered, PendingWait wait,
            List<InventoryEntry> previous) {
        HookProgress pre;
        try {
            pre = operations.startHooks(state.target(), rendered, event(wait.action(), true), state.timeout());
        } catch (ApplyException e) {
            return failed(draft, e);
        }
        return afterPreHooks(state, draft, rendered, wait, previous, pre);
    }

    /**
     * One read of the hook {@code wait} stands on, without rendering anything: still running before its deadline,
     * the draft says so and the caller polls again; otherwise (finished, failed, gone, unreadable, late) the caller
     * renders the revision and calls {@link #resumeHook}, which decides.
     */
    boolean stillOnHook(ReleaseState state, StatusDraft draft, PendingWait wait) {
        try {
            if (!clock.instant().isBefore(wait.deadline())
                    || !operations.hookStillRunning(state.target(), wait.hook())) {
                return false;
            }
        } catch (ApplyException e) {
            return false;
        }
        boolean pre = PendingWait.PRE_HOOKS.equals(wait.stage());
        draft.awaiting(wait.polled(),
                wait.action() + ": " + HookRunner.runningMessage(event(wait.action(), pre), wait.hook()));
        return true;
    }

    /** Goes on from the hook {@code wait} stands on: the next hooks, then the next stages. */
    ReadinessWait.Verdict resumeHook(ReleaseState state, StatusDraft draft, RenderedRelease rendered,
            PendingWait wait) {
        boolean pre = PendingWait.PRE_HOOKS.equals(wait.stage());
        HookEvent event = event(wait.action(), pre);
        HookProgress progress;
        try {
            progress = operations.resumeHooks(state.target(), rendered, event, runningHook(wait, event),
                    state.timeout());
        } catch (ApplyException e) {
            return failed(draft, e);
        }
        // While the pre hooks ran, the status inventory held what the manifest replaces (set by hookWaiting).
        return pre ? afterPreHooks(state, draft, rendered, wait, state.inventory(), progress)
                : afterPostHooks(state, draft, wait, state.inventory(), progress);
    }

    /** Goes on after a readiness check: ready, the post hooks run; otherwise the verdict stands. */
    ReadinessWait.Verdict afterReadiness(ReleaseState state, StatusDraft draft, RenderedRelease rendered,
            PendingWait wait, ReadinessWait.Verdict verdict) {
        if (!(verdict instanceof ReadinessWait.Verdict.Ready ready)) {
            return verdict;
        }
        HookProgress post;
        try {
            post = operations.startHooks(state.target(), rendered, event(wait.action(), false), state.timeout());
        } catch (ApplyException e) {
            return failed(draft, e);
        }
        return afterPostHooks(state, draft, wait, ready.inventory(), post);
    }

    private ReadinessWait.Verdict afterPreHooks(ReleaseState state, StatusDraft draft, RenderedRelease rendered,
            PendingWait wait, List<InventoryEntry> previous, HookProgress pre) {
        if (pre instanceof HookProgress.Running running) {
            return hookWaiting(draft, wait, PendingWait.PRE_HOOKS, running, previous);
        }
        List<InventoryEntry> inventory;
        try {
            inventory = operations.apply(state.target(), rendered, previous);
        } catch (ApplyException e) {
            return failed(draft, e);
        }
        PendingWait readiness = waits.begin(state, wait);
        return afterReadiness(state, draft, rendered, readiness, waits.check(state, draft, readiness, inventory));
    }

    private static ReadinessWait.Verdict afterPostHooks(ReleaseState state, StatusDraft draft, PendingWait wait,
            List<InventoryEntry> inventory, HookProgress post) {
        if (post instanceof HookProgress.Running running) {
            return hookWaiting(draft, wait, PendingWait.POST_HOOKS, running, inventory);
        }
        draft.waiting = null;
        return new ReadinessWait.Verdict.Ready(inventory);
    }

    /**
     * A hook still runs: kept as the wait's stage. The status inventory holds the objects the next stage needs
     * again (what the manifest replaces, before it is applied; the applied objects after), since a later reconcile
     * reads them from there.
     */
    private static ReadinessWait.Verdict hookWaiting(StatusDraft draft, PendingWait wait, String stage,
            HookProgress.Running running, List<InventoryEntry> inventory) {
        if (!sameObjects(draft.inventory, inventory)) {
            draft.inventory = inventory;
        }
        draft.awaiting(wait.onHook(stage, running.index(), running.hook(), running.startedAt(), running.deadline()),
                wait.action() + ": " + running.message());
        return new ReadinessWait.Verdict.Waiting();
    }

    private static boolean sameObjects(List<InventoryEntry> a, List<InventoryEntry> b) {
        return a != null && a.stream().map(InventoryEntry::withoutHealth).toList()
                .equals(b.stream().map(InventoryEntry::withoutHealth).toList());
    }

    private static ReadinessWait.Verdict failed(StatusDraft draft, ApplyException e) {
        draft.waiting = null;
        return new ReadinessWait.Verdict.Failed(e.getMessage());
    }

    /** The hook a stored wait stands on, as {@link HookRunner#resume} takes it. */
    static HookProgress.Running runningHook(PendingWait wait, HookEvent event) {
        return new HookProgress.Running(wait.hookIndex(), wait.hook(), wait.startedAt(), wait.deadline(),
                HookRunner.runningMessage(event, wait.hook()), List.of());
    }

    /** The hook event of an action's pre or post stage (an uninstall's: its delete hooks). */
    static HookEvent event(String action, boolean pre) {
        return switch (action) {
            case RevisionRow.INSTALL -> pre ? HookEvent.PRE_INSTALL : HookEvent.POST_INSTALL;
            case RevisionRow.UPGRADE -> pre ? HookEvent.PRE_UPGRADE : HookEvent.POST_UPGRADE;
            case RevisionRow.UNINSTALL -> pre ? HookEvent.PRE_DELETE : HookEvent.POST_DELETE;
            default -> pre ? HookEvent.PRE_ROLLBACK : HookEvent.POST_ROLLBACK;
        };
    }
}
