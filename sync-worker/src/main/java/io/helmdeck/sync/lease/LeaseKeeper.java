package io.helmdeck.sync.lease;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * Renews the leases this worker holds every half TTL until they are released, so a slow sync (or one waiting for its
 * registry) keeps its repository. The half TTL is counted on this worker's clock, from the claim and each renewal,
 * so clock skew with repo-service does not matter.
 *
 * <p>Most syncs end long before half their TTL, so a lease costs no timer of its own: the keeper only notes when
 * each lease is next due, and the sync loop's rounds ({@link #renewDue}) renew the ones whose time has come.
 */
public final class LeaseKeeper {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);
    /** Marks a lease whose renewal is on its way, so a round does not send a second one. */
    private static final long RENEWING = Long.MIN_VALUE;

    private final LeaseClient client;
    private final String worker;
    private final int leaseSeconds;
    private final long everyNanos;
    /** After a failed renewal: soon enough to try a few times before the lease ends. */
    private final long retryNanos;
    /** Rounds closer together than this only look at the clock; a round looks at every held lease. */
    private final long roundNanos;
    private final AtomicLong nextRound = new AtomicLong(System.nanoTime());
    /** Held leases and when each is next to be renewed ({@link System#nanoTime}), or {@link #RENEWING}. */
    private final Map<HeldLease, Long> due = new ConcurrentHashMap<>();

    public LeaseKeeper(LeaseClient client, String worker, int leaseSeconds) {
        this.client = client;
        this.worker = worker;
        this.leaseSeconds = leaseSeconds;
        this.everyNanos = TimeUnit.MILLISECONDS.toNanos(leaseSeconds * 1000L / 2);
        this.retryNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(200, leaseSeconds * 1000L / 8));
        this.roundNanos = retryNanos / 2;
    }

    /** Starts renewing {@code lease}; call right after the claim. */
    public void keep(HeldLease lease) {
        due.put(lease, System.nanoTime() + everyNanos);
    }

    /** Stops renewing: the lease was reported, dropped or lost. */
    public void release(HeldLease lease) {
        lease.release();
        due.remove(lease);
    }

    /**
     * Renews every held lease whose half TTL has passed. Called on each round of the sync loop; cheap when called
     * more often than {@code retry / 2}, as it then only reads the clock.
     */
    public void renewDue() {
        long now = System.nanoTime();
        long round = nextRound.get();
        if (now - round < 0 || !nextRound.compareAndSet(round, now + roundNanos)) {
            return;
        }
        due.forEach((lease, at) -> {
            if (at != RENEWING && now - at >= 0 && due.replace(lease, at, RENEWING)) {
                renew(lease);
            }
        });
    }

    private void renew(HeldLease lease) {
        client.renew(lease.repositoryId(), worker, leaseSeconds).subscribe().with(renewed -> {
            if (lease.released()) {
                return;
            }
            if (renewed.isEmpty()) {
                lease.markLost();
                due.remove(lease);
                LOG.infof("lease on %s is no longer this worker's; its result will be dropped", lease);
                return;
            }
            due.replace(lease, RENEWING, System.nanoTime() + everyNanos);
        }, failure -> {
            if (lease.released()) {
                return;
            }
            // Try again well before the lease ends; if it does end, the report gets a 409 and is dropped.
            LOG.debugf("renewing the lease on %s failed: %s", lease, failure.getMessage());
            due.replace(lease, RENEWING, System.nanoTime() + retryNanos);
        });
    }
}
