-- Waiting for readiness after install, upgrade and rollback (issue 10, ADR 0022). Flux's opt-outs, default off.
ALTER TABLE helm_release
    ADD COLUMN install_disable_wait           BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN install_disable_wait_for_jobs  BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN upgrade_disable_wait           BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN upgrade_disable_wait_for_jobs  BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN rollback_disable_wait          BOOLEAN NOT NULL DEFAULT FALSE;

-- The revision whose objects are being waited for, as JSON ({revision, action, attempt, rollbackOf, startedAt,
-- deadline, polls}); NULL when nothing is waited for. Kept here, not in memory, so the wait is a state the
-- reconcile loop returns to (no reconcile slot is held) and a restarted replica resumes it.
ALTER TABLE helm_release_status ADD COLUMN waiting TEXT;
