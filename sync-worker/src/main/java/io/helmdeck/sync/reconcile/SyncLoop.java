package io.helmdeck.sync.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.helmdeck.model.sync.ClaimRequest;
import io.helmdeck.model.sync.LeaseReport;
import io.helmdeck.model.sync.ReportDelivery;
import io.helmdeck.model.sync.ReportResult;
import io.helmdeck.model.sync.SyncExchange;
import io.helmdeck.model.sync.SyncOutcome;
import io.helmdeck.model.sync.SyncReport;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.model.value.OciUrl;
import io.helmdeck.sync.config.SyncLoopConfig;
import io.helmdeck.sync.lease.HeldLease;
import io.helmdeck.sync.lease.LeaseClient;
import io.helmdeck.sync.lease.LeaseKeeper;
import io.helmdeck.sync.lease.RepoServiceException;
import io.helmdeck.sync.lease.WorkerId;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Claims due repositories from repo-service, syncs each on its own {@link Uni}, keeps their leases alive and reports
 * the results. Claimed repositories whose registry already runs {@code max-per-registry} syncs wait in that
 * registry's lane (their leases renewed meanwhile); the claim asks for no more of a registry than its lane can hold.
 *
 * <p>Results and claims travel together (ADR 0025): a finished sync frees its slot at once and its report waits in
 * {@link #unreported}; one exchange at a time carries every waiting report and a claim for the free slots, and the
 * next exchange starts as soon as one ends while there is anything to send — unless the lanes are still at least half
 * full, when it waits for more results (at most 50 ms, {@link #lingers}, ADR 0034). The batch therefore grows with the
 * rate: one report per call when syncs are few, half a lane or more per call when they are many. Only unchanged
 * results are batched; the others go at once, each in an exchange of its own ({@link #handInAlone}).
 */
@ApplicationScoped
public class SyncLoop {

    private static final Logger LOG = Logger.getLogger(SyncLoop.class);
    /** A report is sent this often when repo-service does not answer; after that its lease simply lapses. */
    private static final int REPORT_ATTEMPTS = 3;
    /** Most reports in one exchange, repo-service's limit. */
    static final int MAX_REPORTS = 500;
    /** Longest a result waits for company while the lanes are fed ({@link #lingers}); then it goes regardless. */
    static final long MAX_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** A finished result not yet accepted by repo-service, and how often it was sent already. */
    private record Unreported(HeldLease lease, SyncReport report, int attempts, long queuedAt) {
    }

    private final LeaseClient leases;
    private final OciRepositoryReconciler reconciler;
    private final SyncLoopConfig config;
    private final String worker;
    private final LeaseKeeper keeper;
    private final RegistryLanes<HeldLease> lanes;
    private final ClaimBackoff backoff;
    private final Clock clock;
    /** Claimed and still syncing or waiting for their registry; a finished sync no longer counts. */
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final Queue<Unreported> unreported = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean exchanging = new AtomicBoolean();
    /** A timer is set to send lingering results at their deadline ({@link #wakeAtLingerEnd}). */
    private final AtomicBoolean lingerTimer = new AtomicBoolean();
    /** Results sent on their own ({@link #handInAlone}) and not yet answered. */
    private final AtomicInteger alone = new AtomicInteger();
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
        this.lanes = new RegistryLanes<>(config.maxPerRegistry(), config.maxWaitingPerRegistry());
        this.backoff = new ClaimBackoff(config.pollInterval(), config.maxClaimBackoff());
        this.clock = clock;
    }

    @Scheduled(every = "${helmdeck.sync.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPoll() {
        return config.enabled() ? poll() : Uni.createFrom().voidItem();
    }

    /**
     * One exchange: hands in every waiting result and asks for as many repositories as there are free slots (none
     * while stopping), then starts them. Never fails. Only one exchange is in flight at a time; one that got work, or
     * left results waiting, is followed by another at once.
     */
    public Uni<Void> poll() {
        keeper.renewDue(); // renewals go on while repo-service is backed off from: a lease must not lapse meanwhile
        if (!backoff.ready(clock.instant())) {
            return Uni.createFrom().voidItem();
        }
        if (lingers()) {
            wakeAtLingerEnd();
            return Uni.createFrom().voidItem();
        }
        if (!exchanging.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        List<Unreported> batch = new ArrayList<>();
        for (Unreported next; batch.size() < MAX_REPORTS && (next = unreported.poll()) != null; ) {
            batch.add(next);
        }
        int free = config.maxConcurrent() - held.get();
        // Ask only for what the lanes can hold, so a busy registry's repositories stay claimable by other workers.
        ClaimRequest claim = stopping || free <= 0 ? null
                : new ClaimRequest(worker, free, config.leaseSeconds(), lanes.room(), lanes.full());
        if (batch.isEmpty() && claim == null) {
            exchanging.set(false);
            return Uni.createFrom().voidItem();
        }
        List<LeaseReport> reports = batch.stream()
                .map(u -> new LeaseReport(u.lease().repositoryId(), u.report())).toList();
        return leases.exchange(new SyncExchange(reports, claim))
                .invoke(answer -> {
                    backoff.succeeded();
                    answer.results().forEach(this::logRefusal);
                    answer.tasks().forEach(this::accept);
                })
                .onFailure().invoke(failure -> {
                    backoff.failed(failure, clock.instant());
                    sendAgainLater(batch, failure);
                })
                .onFailure().recoverWithNull()
                .onTermination().invoke(() -> exchanging.set(false))
                .invoke(answer -> {
                    if (answer != null && (!answer.tasks().isEmpty() || !unreported.isEmpty())) {
                        exchangeSoon();
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Whether the next exchange waits for more results (ADR 0034). Each exchange costs repo-service and PostgreSQL
     * a fixed amount (a request, a statement, a claim's window read) whatever it carries, so a busy worker should
     * send fewer, fuller ones; but a lane must not run dry meanwhile. It waits while the claim would ask for less than
     * half of a lane's waiting room — the lanes in use are still at least half full, so their running syncs have work
     * behind them for longer than a round trip, and every sync that ends asks again — and no result has waited
     * {@link #MAX_LINGER_NANOS} (then {@link #wakeAtLingerEnd} sends it). A worker with little work never waits:
     * its lanes are nearly empty, so the claim asks for much. Claims alone (nothing to report) are never held back.
     */
    private boolean lingers() {
        Unreported oldest = unreported.peek();
        if (stopping || oldest == null || unreported.size() >= MAX_REPORTS
                || System.nanoTime() - oldest.queuedAt() >= MAX_LINGER_NANOS) {
            return false;
        }
        int free = config.maxConcurrent() - held.get();
        return Math.min(free, lanes.room()) < Math.max(1, config.maxWaitingPerRegistry() / 2);
    }

    /**
     * A lingering result goes at its deadline even when no sync ends and no tick comes before it: with only slow syncs
     * running, the next of either may be a second or more away. One timer at a time; the exchange it starts takes
     * every result waiting by then.
     */
    private void wakeAtLingerEnd() {
        Unreported oldest = unreported.peek();
        if (oldest == null || !lingerTimer.compareAndSet(false, true)) {
            return;
        }
        long wait = Math.max(0, oldest.queuedAt() + MAX_LINGER_NANOS - System.nanoTime());
        Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(wait)).subscribe().with(ignored -> {
            lingerTimer.set(false);
            exchangeSoon();
        });
    }

    /**
     * Exchanges again without waiting for the next tick, so a result goes out and a freed slot is used at once: the
     * scheduler ticks at most once a second, which alone would cap a worker at one claim's worth of syncs per second.
     */
    private void exchangeSoon() {
        if (config.enabled()) {
            poll().subscribe().with(ignored -> {
            }, failure -> LOG.debugf("exchange failed: %s", failure.getMessage()));
        }
    }

    private void logRefusal(ReportResult result) {
        if (result.delivery() == ReportDelivery.LeaseLost) {
            LOG.infof("repo-service refused the result for repository %d: the lease is no longer this worker's",
                    result.repositoryId());
        } else if (result.delivery() == ReportDelivery.RepositoryGone) {
            LOG.infof("dropping the result for repository %d: the repository was deleted", result.repositoryId());
        }
    }

    /** Results of a failed exchange wait for the next one, a few times; then their leases lapse. */
    private void sendAgainLater(List<Unreported> batch, Throwable failure) {
        boolean retryable = failure instanceof RepoServiceException e && e.retryable();
        for (Unreported u : batch) {
            if (retryable && u.attempts() + 1 < REPORT_ATTEMPTS) {
                unreported.add(new Unreported(u.lease(), u.report(), u.attempts() + 1, u.queuedAt()));
            } else {
                LOG.warnf("result for %s was not delivered: %s", u.lease(), failure.getMessage());
            }
        }
    }

    /** Claimed and not yet finished: running plus waiting for their registry. */
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
        reconciler.reconcile(lease.task()).subscribe().with(report -> {
            if (lease.lost()) {
                LOG.infof("dropping the result for %s: its lease went to another worker", lease);
            } else if (report.outcome() == SyncOutcome.Unchanged) {
                unreported.add(new Unreported(lease, report, 0, System.nanoTime()));
            } else {
                handInAlone(lease, report);
            }
            finished(lease);
        }, failure -> {
            LOG.warnf("sync of %s ended without a result: %s", lease, failure.getMessage());
            finished(lease);
        });
    }

    /**
     * A result that changes the record (Updated, Failed) takes repo-service's full path, one transaction each, which
     * a batch would run one after another: it goes at once in an exchange of its own, so such results are applied
     * side by side as before (a first sync of many new repositories is all of this kind).
     */
    private void handInAlone(HeldLease lease, SyncReport report) {
        alone.incrementAndGet();
        leases.exchange(new SyncExchange(List.of(new LeaseReport(lease.repositoryId(), report)), null))
                .onFailure(f -> f instanceof RepoServiceException e && e.retryable())
                .retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(4)).atMost(REPORT_ATTEMPTS - 1)
                .onTermination().invoke(alone::decrementAndGet)
                .subscribe().with(answer -> answer.results().forEach(this::logRefusal),
                        failure -> LOG.warnf("result for %s was not delivered: %s", lease, failure.getMessage()));
    }

    /** Frees the slot and the lane at once; the result (if any) is already waiting for the next exchange. */
    private void finished(HeldLease lease) {
        running.decrementAndGet();
        drop(lease);
        Optional<HeldLease> next = lanes.finished(lease.registry());
        while (next.isPresent() && stopping) {
            drop(next.get());
            next = lanes.finished(lease.registry());
        }
        next.ifPresent(this::start);
        exchangeSoon();
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
        while ((running.get() > 0 || !unreported.isEmpty() || exchanging.get() || alone.get() > 0)
                && System.nanoTime() < end) {
            if (!unreported.isEmpty()) {
                exchangeSoon(); // hands in what is left; claims nothing while stopping
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (running.get() > 0 || !unreported.isEmpty()) {
            LOG.infof("stopping with %d syncs still running and %d results not handed in; their leases will lapse",
                    running.get(), unreported.size());
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
