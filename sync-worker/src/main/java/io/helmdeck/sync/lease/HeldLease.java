package io.helmdeck.sync.lease;

import io.helmdeck.model.sync.SyncTask;
import io.smallrye.mutiny.subscription.Cancellable;

/** A repository this worker has claimed and not yet reported: its task, and whether the lease still holds. */
public final class HeldLease {

    private final SyncTask task;
    private final String registry;
    private boolean lost;
    private boolean released;
    private Cancellable renewal;

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

    /** Keeps the pending renewal so release can cancel it; one that arrives after release is cancelled at once. */
    synchronized void renewal(Cancellable next) {
        if (released) {
            next.cancel();
        } else {
            renewal = next;
        }
    }

    synchronized void release() {
        released = true;
        if (renewal != null) {
            renewal.cancel();
            renewal = null;
        }
    }

    @Override
    public String toString() {
        return "repository " + task.repositoryId() + " (" + task.tenant() + "/" + task.name() + ")";
    }
}
