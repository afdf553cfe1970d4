package io.helmdeck.release.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.release.reconcile.ReconcileLoop;

/** Asks this replica's reconcile loop to claim due releases now, so an API change is acted on within moments. */
@ApplicationScoped
public class ReconcileRequests {

    private final ReconcileLoop loop;

    public ReconcileRequests(ReconcileLoop loop) {
        this.loop = loop;
    }

    /** Never blocks: safe on the event loop, after the request's transaction committed. */
    public void wake() {
        loop.wake();
    }
}
