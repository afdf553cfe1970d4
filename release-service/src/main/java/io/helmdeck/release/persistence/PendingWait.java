package io.helmdeck.release.persistence;

import java.time.Instant;

/**
 * A revision applied and waiting for its objects to be ready: stored with the release's status, so the wait is a
 * state the reconcile loop comes back to (no reconcile slot is held meanwhile) and a replica that takes the release
 * over resumes it with the same deadline.
 *
 * @param revision    the pending revision waited for
 * @param action      {@code install}, {@code upgrade} or {@code rollback}
 * @param remediation a rollback that remediates a failed upgrade (not one a user asked for)
 * @param attempt     for install and upgrade: which attempt at these inputs this is, counting from 1
 * @param rollbackOf  for a rollback: the revision rolled back to
 * @param startedAt   when the objects were applied
 * @param deadline    the release's {@code timeout} after that: not ready by then fails the action
 * @param polls       how many times the objects were found not ready; the next poll waits longer
 */
public record PendingWait(int revision, String action, boolean remediation, int attempt, int rollbackOf,
        Instant startedAt, Instant deadline, int polls) {

    /** The same wait, found not ready once more. */
    public PendingWait polled() {
        return new PendingWait(revision, action, remediation, attempt, rollbackOf, startedAt, deadline, polls + 1);
    }
}
