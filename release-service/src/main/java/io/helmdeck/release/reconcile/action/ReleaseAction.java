package io.helmdeck.release.reconcile.action;

import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;

/**
 * One step of a reconcile, as one of helm-controller's action reconcilers: it acts on the cluster and the revision
 * history, writes what happened into the status draft and reports an {@link Outcome}. It never saves the status and
 * never calls the reconciler; the reconciler decides whether another action follows.
 */
public interface ReleaseAction {

    /** The decision this action carries out. */
    NextAction kind();

    Outcome run(Situation situation, StatusDraft draft);
}
