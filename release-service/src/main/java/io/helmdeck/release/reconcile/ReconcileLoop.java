package io.helmdeck.release.reconcile;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
 * when something wakes the loop (a source event, an API request). Leases are renewed while a reconcile runs.
 */
@ApplicationScoped
public class ReconcileLoop {

    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

    private final ReleaseLeases leases;
    private final ReleaseReconciler reconciler;
    private final ReconcileConfig config;
    private final Clock clock;
    private final String holder;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final ExecutorService claimer = Executors.newSingleThreadExecutor(r -> thread(r, "release-claimer"));
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(
            r -> thread(r, "release-lease-renewer"));
    private final AtomicBoolean claimQueued = new AtomicBoolean();

    public ReconcileLoop(ReleaseLeases leases, ReleaseReconciler reconciler, ReconcileConfig config, Clock clock) {
        this.leases = leases;
        this.reconciler = reconciler;
        this.config = config;
        this.clock = clock;
        this.holder = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
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
        Instant now = clock.instant();
        List<Long> claimed;
        try {
            claimed = leases.claim(holder, free, now, now.plus(config.lease())).await().indefinitely();
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
        long renewEvery = Math.max(1, config.lease().toMillis() / 2);
        ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(() -> renew(id), renewEvery, renewEvery,
                TimeUnit.MILLISECONDS);
        try {
            reconciler.reconcile(id);
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconcile of release %d failed", id);
        } finally {
            renewal.cancel(false);
            try {
                leases.release(id, holder).await().indefinitely();
            } catch (RuntimeException e) {
                LOG.warnf("releasing the lease of release %d failed; it expires by itself: %s", id, e.getMessage());
            }
            slots.release();
            wake();
        }
    }

    private void renew(long id) {
        try {
            if (!leases.renew(id, holder, clock.instant().plus(config.lease())).await().indefinitely()) {
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

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "release-service";
        }
    }
}
