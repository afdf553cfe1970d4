package io.helmdeck.sync.lease;

import io.helmdeck.model.sync.SyncTask;

/** A repository this worker has claimed and not yet reported: its task, and whether the lease still holds. */
public final class HeldLease {

    private final SyncTask task;
    private final String registry;
    private boolean lost;
    private boolean released;

    public HeldLease(SyncTask task, String registry) {
        this.task = task;
        this.registry = registry;
    }

    public SyncTask task() {
        return task;
    }

    public long repositoryId() {
        return task.repositoryId();
    }

    /** host[:port] of the repository's registry, the unit of the per-registry limit. */
    public String registry() {
        return registry;
    }

    /** Another worker may hold this repository now: this worker's result must not be reported. */
    public synchronized boolean lost() {
        return lost;
    }

    synchronized void markLost() {
        lost = true;
    }

    synchronized boolean released() {
        return released;
    }

    synchronized void release() {
        released = true;
    }

    @Override
    public String toString() {
        return "repository " + task.repositoryId() + " (" + task.tenant() + "/" + task.name() + ")";
    }
}
