package io.helmdeck.sync.reconcile;

import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

/**
 * Spaces out claim attempts while repo-service cannot be reached, doubling the pause up to a cap, and logs the
 * outage once when it starts and once when it ends instead of once per poll.
 */
final class ClaimBackoff {

    private static final Logger LOG = Logger.getLogger(ClaimBackoff.class);

    private final Duration first;
    private final Duration max;
    private Duration pause = Duration.ZERO;
    private Instant next = Instant.MIN;
    private boolean outage;

    ClaimBackoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    synchronized boolean ready(Instant now) {
        return !now.isBefore(next);
    }

    synchronized void succeeded() {
        if (outage) {
            LOG.info("repo-service answers claims again");
        }
        outage = false;
        pause = Duration.ZERO;
        next = Instant.MIN;
    }

    synchronized void failed(Throwable failure, Instant now) {
        if (!outage) {
            LOG.warnf("cannot claim repositories from repo-service: %s; retrying with backoff up to %s "
                    + "(logged once per outage)", failure.getMessage(), max);
        }
        outage = true;
        pause = pause.isZero() ? first : pause.multipliedBy(2);
        if (pause.compareTo(max) > 0) {
            pause = max;
        }
        next = now.plus(pause);
    }
}
