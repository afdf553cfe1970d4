package io.helmdeck.release.persistence;

import java.time.Instant;

import io.helmdeck.model.InventoryEntry;

/**
 * An install, upgrade, rollback or uninstall under way, waiting for a hook Job or Pod to finish or (not uninstall)
 * for its objects to be ready:
 * stored with the release's status, so each wait is a state the reconcile loop comes back to (no reconcile slot is
 * held meanwhile) and a replica that takes the release over resumes it where it stood, with the same deadline.
 *
 * @param revision    the pending revision the action records (uninstall: the current one, 0 when none)
 * @param action      {@code install}, {@code upgrade}, {@code rollback} or {@code uninstall} (delete hooks only)
 * @param remediation a rollback that remediates a failed upgrade (not one a user asked for)
 * @param attempt     for install and upgrade: which attempt at these inputs this is, counting from 1
 * @param rollbackOf  for a rollback: the revision rolled back to
 * @param startedAt   when the stage's wait began: the objects applied, or the running hook created
 * @param deadline    the release's {@code timeout} after that (per hook, as Helm has it): not done by then fails
 * @param polls       how many times the stage was found not done; the next poll waits longer
 * @param stage       {@link #PRE_HOOKS}, {@link #READY} or {@link #POST_HOOKS}; null (waits stored before hooks
 *                    could wait) reads as {@link #READY}
 * @param hookIndex   in a hook stage: the running hook's place in the event's run order
 * @param hook        in a hook stage: the running hook Job or Pod
 */
public record PendingWait(int revision, String action, boolean remediation, int attempt, int rollbackOf,
        Instant startedAt, Instant deadline, int polls, String stage, int hookIndex, InventoryEntry hook) {

    /** The pre hooks of the action run (the manifest is not applied yet). */
    public static final String PRE_HOOKS = "pre-hooks";
    /** The manifest is applied and its objects are checked for readiness. */
    public static final String READY = "ready";
    /** The objects were ready (or not waited for) and the post hooks run. */
    public static final String POST_HOOKS = "post-hooks";

    /** An action that starts now, with its pre hooks; {@code timeout} bounds each stage. */
    public static PendingWait starting(int revision, String action, boolean remediation, int attempt,
            int rollbackOf, Instant now, java.time.Duration timeout) {
        return new PendingWait(revision, action, remediation, attempt, rollbackOf, now, now.plus(timeout), 0,
                PRE_HOOKS, 0, null);
    }

    @Override
    public String stage() {
        return stage == null ? READY : stage;
    }

    /** Whether the action waits for a hook (pre or post) rather than for its objects. */
    public boolean onHook() {
        return !READY.equals(stage()) && hook != null;
    }

    /** The same wait, found not done once more. */
    public PendingWait polled() {
        return new PendingWait(revision, action, remediation, attempt, rollbackOf, startedAt, deadline, polls + 1,
                stage, hookIndex, hook);
    }

    /** The readiness stage, from {@code now} until {@code deadline}. */
    public PendingWait readiness(Instant now, Instant until) {
        return new PendingWait(revision, action, remediation, attempt, rollbackOf, now, until, 0, READY, 0, null);
    }

    /** A hook stage: the hook at {@code index} runs since {@code since}, until {@code until}. */
    public PendingWait onHook(String hookStage, int index, InventoryEntry running, Instant since, Instant until) {
        return new PendingWait(revision, action, remediation, attempt, rollbackOf, since, until, 0, hookStage, index,
                running);
    }
}
