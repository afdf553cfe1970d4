package io.helmdeck.repo.client;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.helmdeck.model.release.SourceEvent;
import io.helmdeck.repo.config.ReleaseServiceConfig;
import io.smallrye.mutiny.Uni;

/**
 * Tells release-service that a repository has a new revision or is gone, so releases built from it reconcile at
 * once. Fire and forget with a short retry: a lost event only costs latency, because every release also reconciles
 * on its own interval. Never fails the caller.
 */
@ApplicationScoped
public class SourceEventPublisher {

    private static final Logger LOG = Logger.getLogger(SourceEventPublisher.class);

    private final ReleaseServiceApi releaseService;
    private final ReleaseServiceConfig.Events config;

    public SourceEventPublisher(ReleaseServiceApi releaseService, ReleaseServiceConfig config) {
        this.releaseService = releaseService;
        this.config = config.events();
    }

    /** Starts sending {@code event} in the background and returns at once; failures are logged, not thrown. */
    public void publish(SourceEvent event) {
        if (!config.enabled()) {
            return;
        }
        send(event).subscribe().with(
                sent -> LOG.debugf("told release-service: %s %s/%s %s", event.type(), event.tenant(),
                        event.sourceName(), event.revision() == null ? "" : event.revision()),
                failure -> LOG.warnf("could not tell release-service about %s of %s/%s after %d attempts (%s); "
                        + "its releases will notice on their next interval", event.type(), event.tenant(),
                        event.sourceName(), config.attempts(), failure.toString()));
    }

    /** The delivery with its retries, as a lazy Uni (visible for tests). */
    Uni<Void> send(SourceEvent event) {
        // deferred: each retry calls the client again instead of re-subscribing to one finished call.
        Uni<Void> call = Uni.createFrom().deferred(() -> releaseService.sourceChanged(event));
        int retries = Math.max(0, config.attempts() - 1);
        if (retries == 0) {
            return call;
        }
        Duration backoff = config.backoff();
        return call.onFailure().retry().withBackOff(backoff, backoff.multipliedBy(8)).atMost(retries);
    }
}
