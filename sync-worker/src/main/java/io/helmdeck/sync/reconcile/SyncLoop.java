package io.helmdeck.sync.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.helmdeck.model.sync.ClaimRequest;
import io.helmdeck.model.sync.SyncReport;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.model.value.OciUrl;
import io.helmdeck.sync.config.SyncLoopConfig;
import io.helmdeck.sync.lease.HeldLease;
import io.helmdeck.sync.lease.LeaseClient;
import io.helmdeck.sync.lease.LeaseClient.Delivery;
import io.helmdeck.sync.lease.LeaseKeeper;
import io.helmdeck.sync.lease.RepoServiceException;
import io.helmdeck.sync.lease.WorkerId;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Claims due repositories from repo-service, syncs each on its own {@link Uni}, keeps their leases alive and reports
 * the results. Claimed repositories whose registry already runs {@code max-per-registry} syncs wait in that
 * registry's lane (their leases renewed meanwhile); when that lane is full too, the repository is not held: its
 * lease lapses after the TTL and it is claimed again then. The claim API cannot exclude registries, so this bounds
 * what a slow registry can take without reporting anything false for the repositories it delays.
 */
@ApplicationScoped
public class SyncLoop {

    private static final Logger LOG = Logger.getLogger(SyncLoop.class);
    /** Reports are retried this often when repo-service does not answer; after that the lease simply lapses. */
    private static final int REPORT_ATTEMPTS = 3;

    private final LeaseClient leases;
    private final OciRepositoryReconciler reconciler;
    private final SyncLoopConfig config;
    private final String worker;
    private final LeaseKeeper keeper;
    private final RegistryLanes<HeldLease> lanes;
    private final ClaimBackoff backoff;
    private final Clock clock;
    /** Claimed and not yet reported or dropped: running and waiting. */
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private volatile boolean stopping;

    @Inject
    public SyncLoop(LeaseClient leases, OciRepositoryReconciler reconciler, SyncLoopConfig config, WorkerId worker) {
        this(leases, reconciler, config, worker, Clock.systemUTC());
    }

    SyncLoop(LeaseClient leases, OciRepositoryReconciler reconciler, SyncLoopConfig config, WorkerId worker,
            Clock clock) {
        this.leases = leases;
        this.reconciler = reconciler;
        this.config = config;
        this.worker = worker.value();
        this.keeper = new LeaseKeeper(leases, this.worker, config.leaseSeconds());
        this.lanes = new RegistryLanes<>(config.maxPerRegistry(), config.maxPerRegistry());
        this.backoff = new ClaimBackoff(config.pollInterval(), config.maxClaimBackoff());
        this.clock = clock;
    }

    @Scheduled(every = "${helmdeck.sync.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPoll() {
        return config.enabled() ? poll() : Uni.createFrom().voidItem();
    }

    /**
     * One claim round: asks for as many repositories as there are free slots and starts them. Never fails. Only one
     * claim is in flight at a time; a round that got work is followed by another at once while slots are free.
     */
    public Uni<Void> poll() {
        int free = config.maxConcurrent() - held.get();
        if (stopping || free <= 0 || !backoff.ready(clock.instant()) || !claiming.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        // Ask only for what the lanes can hold, so a busy registry's repositories stay claimable by other workers.
        ClaimRequest request = new ClaimRequest(worker, free, config.leaseSeconds(), lanes.capacity(), lanes.full());
        return leases.claim(request)
                .invoke(tasks -> {
                    backoff.succeeded();
                    tasks.forEach(this::accept);
                })
                .onFailure().invoke(failure -> backoff.failed(failure, clock.instant()))
                .onFailure().recoverWithNull()
                .onTermination().invoke(() -> claiming.set(false))
                .invoke(tasks -> {
                    if (tasks != null && !tasks.isEmpty()) {
                        claimSoon();
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Claims again without waiting for the next tick, so a freed slot is used at once: the scheduler ticks at most
     * once a second, which alone would cap a worker at one claim's worth of syncs per second.
     */
    private void claimSoon() {
        if (config.enabled() && !stopping) {
            poll().subscribe().with(ignored -> {
            }, failure -> LOG.debugf("claim failed: %s", failure.getMessage()));
        }
    }

    /** Claimed but not yet reported: running plus waiting for their registry. */
    public int held() {
        return held.get();
    }

    public int running() {
        return running.get();
    }

    private void accept(SyncTask task) {
        if (stopping) {
            return; // the lease lapses and another worker takes it
        }
        HeldLease lease = new HeldLease(task, registryOf(task));
        held.incrementAndGet();
        keeper.keep(lease);
        switch (lanes.offer(lease.registry(), lease)) {
            case START -> start(lease);
            case QUEUED -> LOG.debugf("%s waits: registry %s is at its limit", lease, lease.registry());
            case REFUSED -> {
                LOG.debugf("%s handed back: registry %s is at its limit and its queue is full", lease,
                        lease.registry());
                drop(lease);
                leases.release(lease.repositoryId(), worker).subscribe().with(ignored -> {
                }, failure -> LOG.debugf("handing back %s failed; its lease lapses instead", lease));
            }
        }
    }

    private void start(HeldLease lease) {
        running.incrementAndGet();
        reconciler.reconcile(lease.task())
                .chain(report -> deliver(lease, report))
                .subscribe().with(ignored -> finished(lease), failure -> {
                    LOG.warnf("result for %s was not delivered: %s", lease, failure.getMessage());
                    finished(lease);
                });
    }

    private Uni<Void> deliver(HeldLease lease, SyncReport report) {
        if (lease.lost()) {
            LOG.infof("dropping the result for %s: its lease went to another worker", lease);
            return Uni.createFrom().voidItem();
        }
        return leases.report(lease.repositoryId(), report)
                .onFailure(f -> f instanceof RepoServiceException e && e.retryable())
                .retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(4)).atMost(REPORT_ATTEMPTS - 1)
                .invoke(delivery -> {
                    if (delivery == Delivery.LEASE_LOST) {
                        LOG.infof("repo-service refused the result for %s: the lease is no longer this worker's",
                                lease);
                    } else if (delivery == Delivery.REPOSITORY_GONE) {
                        LOG.infof("dropping the result for %s: the repository was deleted", lease);
                    }
                })
                .replaceWithVoid();
    }

    private void finished(HeldLease lease) {
        running.decrementAndGet();
        drop(lease);
        Optional<HeldLease> next = lanes.finished(lease.registry());
        while (next.isPresent() && stopping) {
            drop(next.get());
            next = lanes.finished(lease.registry());
        }
        next.ifPresent(this::start);
        claimSoon();
    }

    private void drop(HeldLease lease) {
        keeper.release(lease);
        held.decrementAndGet();
    }

    /** Stops claiming, lets waiting repositories go, and gives running syncs a grace period to report. */
    void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        stop(config.shutdownGrace());
    }

    public void stop(Duration grace) {
        stopping = true;
        List<HeldLease> waiting = lanes.drainWaiting();
        waiting.forEach(this::drop);
        long end = System.nanoTime() + grace.toNanos();
        while (running.get() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (running.get() > 0) {
            LOG.infof("stopping with %d syncs still running; their leases will lapse", running.get());
        }
    }

    private static String registryOf(SyncTask task) {
        try {
            return OciUrl.parse(task.url()).registry();
        } catch (IllegalArgumentException e) {
            return "invalid"; // the reconciler reports the invalid URL
        }
    }
}
