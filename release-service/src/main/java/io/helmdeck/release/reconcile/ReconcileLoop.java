package io.helmdeck.release.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.release.persistence.ReleaseLeases;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Claims due releases and reconciles them on a small pool of worker threads, up to
 * {@code helmdeck.reconcile.max-concurrent} at once. A claim happens on every poll tick, whenever a slot frees and
 * when something wakes the loop (a source event, an API request). Leases are short and renewed by a heartbeat while
 * a reconcile runs, so a dead replica's releases are free again soon; a restarted replica takes its own at once
 * ({@link ReplicaIdentity}, ADR 0024).
 */
@ApplicationScoped
public class ReconcileLoop {

    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

    private final ReleaseLeases leases;
    private final ReleaseReconciler reconciler;
    private final ReconcileConfig config;
    private final Clock clock;
    private final ReplicaIdentity replica;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final ExecutorService claimer = Executors.newSingleThreadExecutor(r -> thread(r, "release-claimer"));
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(
            r -> thread(r, "release-lease-renewer"));
    private final AtomicBoolean claimQueued = new AtomicBoolean();

    public ReconcileLoop(ReleaseLeases leases, ReleaseReconciler reconciler, ReconcileConfig config, Clock clock,
            ReplicaIdentity replica) {
        this.leases = leases;
        this.reconciler = reconciler;
        this.config = config;
        this.clock = clock;
        this.replica = replica;
        this.slots = new Semaphore(config.maxConcurrent());
        this.workers = Executors.newFixedThreadPool(config.maxConcurrent(), r -> thread(r, "release-reconcile"));
    }

    @Scheduled(every = "${helmdeck.reconcile.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        wake();
    }

    /** Claims due releases soon, without blocking the caller (safe on the event loop). */
    public void wake() {
        if (!config.enabled() || !claimQueued.compareAndSet(false, true)) {
            return;
        }
        claimer.execute(() -> {
            claimQueued.set(false);
            claimDue();
        });
    }

    private void claimDue() {
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        String ownedBefore = replica.ownedBefore();
        Instant now = clock.instant();
        List<Long> claimed;
        try {
            claimed = leases.claim(replica.holder(), ownedBefore, free, now, now.plus(config.lease()))
                    .await().indefinitely();
        } catch (RuntimeException e) {
            LOG.warnf("claiming due releases failed: %s", e.getMessage());
            return;
        }
        for (Long id : claimed) {
            slots.acquireUninterruptibly();
            workers.execute(() -> run(id));
        }
    }

    private void run(long id) {
        // A heartbeat four times per lease: a lease survives up to three renewals lost in a row.
        long renewEvery = Math.max(1, config.lease().toMillis() / 4);
        ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(() -> renew(id), renewEvery, renewEvery,
                TimeUnit.MILLISECONDS);
        try {
            reconciler.reconcile(id);
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconcile of release %d failed", id);
        } finally {
            renewal.cancel(false);
            try {
                leases.release(id, replica.holder()).await().indefinitely();
            } catch (RuntimeException e) {
                LOG.warnf("releasing the lease of release %d failed; it expires by itself: %s", id, e.getMessage());
            }
            slots.release();
            wake();
        }
    }

    private void renew(long id) {
        try {
            if (!leases.renew(id, replica.holder(), clock.instant().plus(config.lease())).await().indefinitely()) {
                LOG.warnf("lost the lease of release %d; its reconcile finishes but another replica may start",
                        id);
            }
        } catch (RuntimeException e) {
            LOG.warnf("renewing the lease of release %d failed: %s", id, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        claimer.shutdownNow();
        workers.shutdown();
        renewer.shutdownNow();
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
