package io.helmdeck.release.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.release.SourceEvent;
import io.helmdeck.model.ProblemException;
import io.helmdeck.release.persistence.ReleaseStateStore;
import io.helmdeck.release.reconcile.ReconcileLoop;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/** Turns a source event into "reconcile now" for every release built from that source. */
@ApplicationScoped
public class SourceEvents {

    private static final Logger LOG = Logger.getLogger(SourceEvents.class);

    private final ReleaseStateStore store;
    private final ReconcileLoop loop;
    private final Clock clock;

    public SourceEvents(ReleaseStateStore store, ReconcileLoop loop, Clock clock) {
        this.store = store;
        this.loop = loop;
        this.clock = clock;
    }

    /** Marks the source's releases due now and wakes the loop; returns how many releases were due. */
    public Uni<Integer> accept(SourceEvent event) {
        if (event == null || event.tenant() == null || event.sourceName() == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("tenant and sourceName are required"));
        }
        return store.markSourceDue(event.tenant(), event.sourceName(), clock.instant()).invoke(count -> {
            LOG.debugf("source event %s for %s/%s: %d releases due", event.type(), event.tenant(),
                    event.sourceName(), count);
            if (count > 0) {
                loop.wake();
            }
        });
    }
}
