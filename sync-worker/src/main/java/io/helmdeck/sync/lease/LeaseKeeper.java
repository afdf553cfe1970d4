package io.helmdeck.sync.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Renews the leases this worker holds every half TTL until they are released, so a slow sync (or one waiting for its
 * registry) keeps its repository. The half TTL is counted on this worker's clock, from the claim and each renewal,
 * so clock skew with repo-service does not matter.
 */
public final class LeaseKeeper {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

    private final LeaseClient client;
    private final String worker;
    private final int leaseSeconds;
    private final Duration every;
    /** After a failed renewal: soon enough to try a few times before the lease ends. */
    private final Duration retry;

    public LeaseKeeper(LeaseClient client, String worker, int leaseSeconds) {
        this.client = client;
        this.worker = worker;
        this.leaseSeconds = leaseSeconds;
        this.every = Duration.ofMillis(leaseSeconds * 1000L / 2);
        this.retry = Duration.ofMillis(Math.max(200, every.toMillis() / 4));
    }

    /** Starts renewing {@code lease}; call right after the claim. */
    public void keep(HeldLease lease) {
        schedule(lease, every);
    }

    /** Stops renewing: the lease was reported, dropped or lost. */
    public void release(HeldLease lease) {
        lease.release();
    }

    private void schedule(HeldLease lease, Duration delay) {
        lease.renewal(Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                .chain(() -> lease.released() ? Uni.createFrom().<Optional<Instant>>nullItem()
                        : client.renew(lease.repositoryId(), worker, leaseSeconds))
                .subscribe().with(renewed -> {
                    if (renewed == null || lease.released()) {
                        return;
                    }
                    if (renewed.isEmpty()) {
                        lease.markLost();
                        LOG.infof("lease on %s is no longer this worker's; its result will be dropped", lease);
                        return;
                    }
                    schedule(lease, every);
                }, failure -> {
                    if (lease.released()) {
                        return;
                    }
                    // Try again well before the lease ends; if it does end, the report gets a 409 and is dropped.
                    LOG.debugf("renewing the lease on %s failed: %s", lease, failure.getMessage());
                    schedule(lease, retry);
                }));
    }
}
