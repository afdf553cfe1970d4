package io.helmdeck.repo.service;

import io.helmdeck.model.ProblemException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.LockMode;
import org.jboss.logging.Logger;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Conditions;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.release.SourceEvent;
import io.helmdeck.model.RepositoryPhase;
import io.helmdeck.model.sync.ClaimRequest;
import io.helmdeck.model.sync.ClaimResponse;
import io.helmdeck.model.sync.LeaseRenewal;
import io.helmdeck.model.sync.LeaseRenewed;
import io.helmdeck.model.sync.SyncOutcome;
import io.helmdeck.model.sync.LeaseReport;
import io.helmdeck.model.sync.ReportDelivery;
import io.helmdeck.model.sync.ReportResult;
import io.helmdeck.model.sync.SyncExchange;
import io.helmdeck.model.sync.SyncExchanged;
import io.helmdeck.model.sync.SyncReport;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.repo.client.SourceEventPublisher;
import io.helmdeck.repo.mapping.OciRepositoryMapper;
import io.helmdeck.repo.persistence.LeaseQueries;
import io.helmdeck.repo.persistence.OciRepositoryEntity;
import io.helmdeck.repo.persistence.OciRepositoryStatusEntity;
import io.helmdeck.repo.persistence.OciRepositoryStore;
import io.helmdeck.repo.persistence.SyncAttemptEntity;
import io.helmdeck.repo.persistence.SyncAttemptStore;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The repo-service side of syncing: hands due repositories to workers under a lease, and turns their reports
 * into status, schedule and history. Only the lease holder may report.
 */
@ApplicationScoped
public class SyncLeaseService {

    private static final Logger LOG = Logger.getLogger(SyncLeaseService.class);
    static final int MAX_CLAIM = 500;
    static final int MAX_LEASE_SECONDS = 3600;
    static final int HISTORY_KEPT = 50;

    private final LeaseQueries leases;
    private final OciRepositoryStore repositories;
    private final SyncAttemptStore attempts;
    private final OciRepositoryMapper mapper;
    private final SyncTaskFactory tasks;
    private final SourceEventPublisher sourceEvents;
    private final Clock clock;
    private final SyncSchedule schedule = new SyncSchedule(() -> ThreadLocalRandom.current().nextDouble());
    private final DistributionSummary leaseLag;

    public SyncLeaseService(LeaseQueries leases, OciRepositoryStore repositories, SyncAttemptStore attempts,
            OciRepositoryMapper mapper, SyncTaskFactory tasks, SourceEventPublisher sourceEvents, Clock clock,
            MeterRegistry metrics) {
        this.leases = leases;
        this.repositories = repositories;
        this.attempts = attempts;
        this.mapper = mapper;
        this.tasks = tasks;
        this.sourceEvents = sourceEvents;
        this.clock = clock;
        this.leaseLag = DistributionSummary.builder("helmdeck.lease.lag.seconds")
                .description("How late a repository was claimed: claim time minus nextSyncAt")
                .baseUnit("seconds").serviceLevelObjectives(1, 5, 10, 30, 60, 120, 300, 600, 1800).register(metrics);
    }

    /**
     * One round trip of a worker (ADR 0025): applies its finished results and claims for its free slots. The
     * whole body is checked before anything changes. Unchanged results of repositories that were Ready and whose
     * spec did not move are applied together in one statement that touches only lease and schedule; every other
     * report takes the full path, one transaction each. The claim runs at the same time as the reports (ADR 0028),
     * so a slot they free is filled in the same exchange without waiting for them.
     */
    public Uni<SyncExchanged> exchange(SyncExchange exchange) {
        List<LeaseReport> reports = exchange.reports() == null ? List.of() : exchange.reports();
        if (reports.size() > MAX_CLAIM) {
            throw ProblemException.badRequest("at most " + MAX_CLAIM + " reports in one exchange");
        }
        Set<Long> reported = new HashSet<>();
        for (LeaseReport each : reports) {
            if (each == null || each.report() == null) {
                throw ProblemException.badRequest("every entry of reports needs repositoryId and report");
            }
            if (!reported.add(each.repositoryId())) {
                throw ProblemException.badRequest("repository " + each.repositoryId() + " is reported twice");
            }
            validateReport(each.report());
        }
        if (exchange.claim() != null) {
            validateClaim(exchange.claim());
        }
        List<LeaseQueries.Unchanged> quick = reports.stream()
                .filter(each -> each.report().outcome() == SyncOutcome.Unchanged)
                .map(each -> new LeaseQueries.Unchanged(each.repositoryId(), each.report().worker(),
                        each.report().specVersion(), schedule.successFactor()))
                .toList();
        // Unchanged results and the claim in one statement (ADR 0033); the rest take the full path after it.
        ClaimRequest claim = exchange.claim();
        Instant now = now();
        Uni<LeaseQueries.Exchanged> together = quick.isEmpty() && claim == null
                ? Uni.createFrom().item(new LeaseQueries.Exchanged(Set.of(), List.of()))
                : leases.exchange(quick, claim == null ? null : ask(claim, now), now);
        return together.flatMap(done -> Multi.createFrom().iterable(reports)
                .onItem().transformToUniAndConcatenate(each -> deliver(each, done.applied()))
                .collect().asList()
                .map(results -> new SyncExchanged(results, tasksOf(done.claimed(), now, claim))));
    }

    /** A report the batch statement did not take goes the full way; refusals become the report's result. */
    private Uni<ReportResult> deliver(LeaseReport each, Set<Long> appliedTogether) {
        if (each.report().outcome() == SyncOutcome.Unchanged && appliedTogether.contains(each.repositoryId())) {
            return Uni.createFrom().item(new ReportResult(each.repositoryId(), ReportDelivery.Accepted));
        }
        return report(each.repositoryId(), each.report())
                .map(v -> new ReportResult(each.repositoryId(), ReportDelivery.Accepted))
                .onFailure(f -> f instanceof ProblemException p && (p.status() == 404 || p.status() == 409))
                .recoverWithItem(f -> new ReportResult(each.repositoryId(),
                        ((ProblemException) f).status() == 404 ? ReportDelivery.RepositoryGone
                                : ReportDelivery.LeaseLost));
    }

    /** Claims up to {@code max} due repositories for the worker. */
    public Uni<ClaimResponse> claim(ClaimRequest request) {
        return claimDue(request);
    }

    private void validateClaim(ClaimRequest request) {
        validateWorker(request.worker());
        if (request.max() < 1 || request.max() > MAX_CLAIM) {
            throw ProblemException.badRequest("max must be between 1 and " + MAX_CLAIM);
        }
        checkLeaseSeconds(request.leaseSeconds());
        if (request.maxPerRegistry() != null && request.maxPerRegistry() < 1) {
            throw ProblemException.badRequest("maxPerRegistry must be at least 1");
        }
    }

    /** One statement leases the rows and reads what their tasks need; no Hibernate session is opened. */
    private Uni<ClaimResponse> claimDue(ClaimRequest request) {
        validateClaim(request);
        Instant now = now();
        return leases.exchange(List.of(), ask(request, now), now)
                .map(done -> new ClaimResponse(tasksOf(done.claimed(), now, request)));
    }

    private static LeaseQueries.Claim ask(ClaimRequest request, Instant now) {
        int perRegistry = request.maxPerRegistry() == null ? request.max() : request.maxPerRegistry();
        List<String> excluded = request.excludeRegistries() == null ? List.of() : request.excludeRegistries();
        return new LeaseQueries.Claim(request.worker(), request.max(), now.plusSeconds(request.leaseSeconds()),
                perRegistry, excluded);
    }

    /** The claimed rows as tasks; records how late each was claimed. */
    private List<SyncTask> tasksOf(List<LeaseQueries.Claimed> claimed, Instant now, ClaimRequest request) {
        if (claimed.isEmpty()) {
            return List.of();
        }
        Instant until = now.plusSeconds(request.leaseSeconds());
        claimed.forEach(c -> leaseLag.record(Math.max(0, Duration.between(c.dueAt(), now).toMillis()) / 1000.0));
        return claimed.stream().map(c -> tasks.forStored(c.spec(), c.status(), until)).toList();
    }

    public Uni<LeaseRenewed> renew(long repositoryId, LeaseRenewal renewal) {
        validateWorker(renewal.worker());
        Instant until = now().plusSeconds(checkLeaseSeconds(renewal.leaseSeconds()));
        return leases.renew(repositoryId, renewal.worker(), until).map(renewed -> {
            if (renewed == null) {
                throw ProblemException.conflict("the lease on repository " + repositoryId + " is not held by "
                        + renewal.worker());
            }
            return new LeaseRenewed(renewed);
        });
    }

    /** Gives a lease back unused (the worker could not take the repository on); 409 when it is not held. */
    public Uni<Void> release(long repositoryId, LeaseRenewal holder) {
        validateWorker(holder.worker());
        return leases.release(repositoryId, holder.worker()).map(released -> {
            if (!released) {
                throw ProblemException.conflict("the lease on repository " + repositoryId + " is not held by "
                        + holder.worker());
            }
            return null;
        });
    }

    /**
     * Applies a worker's report: status, schedule, history; releases the lease. When it stored a new revision,
     * release-service is told once the transaction has committed.
     */
    public Uni<Void> report(long repositoryId, SyncReport report) {
        validateReport(report);
        // Programmatic transaction, so the event leaves only after the commit (never for a rolled-back report).
        return Panache.withTransaction(() -> lockAndApply(repositoryId, report))
                .invoke(event -> event.ifPresent(sourceEvents::publish))
                .replaceWithVoid();
    }

    private Uni<Optional<SourceEvent>> lockAndApply(long repositoryId, SyncReport report) {
        return Panache.getSession()
                .flatMap(session -> session.find(OciRepositoryStatusEntity.class, repositoryId, LockMode.PESSIMISTIC_WRITE))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("repository " + repositoryId))
                .flatMap(status -> {
                    if (!report.worker().equals(status.leaseOwner)) {
                        throw ProblemException.conflict("the lease on repository " + repositoryId
                                + " is not held by " + report.worker());
                    }
                    String revisionBefore = status.artifactRevision;
                    String digestBefore = status.artifactDigest;
                    return repositories.findById(repositoryId).flatMap(spec -> apply(spec, status, report)
                            .map(v -> newRevisionEvent(spec, status, revisionBefore, digestBefore)));
                });
    }

    /** An event only when the stored artifact really changed: not for an unchanged sync, a failure or a re-report. */
    private static Optional<SourceEvent> newRevisionEvent(OciRepositoryEntity spec, OciRepositoryStatusEntity status,
            String revisionBefore, String digestBefore) {
        if (status.artifactDigest == null || (Objects.equals(revisionBefore, status.artifactRevision)
                && Objects.equals(digestBefore, status.artifactDigest))) {
            return Optional.empty();
        }
        return Optional.of(new SourceEvent(spec.tenant, spec.name, SourceEvent.REVISION, status.artifactRevision,
                status.artifactDigest));
    }

    private Uni<Void> apply(OciRepositoryEntity spec, OciRepositoryStatusEntity status, SyncReport report) {
        Instant now = now();
        Duration interval = Duration.ofSeconds(spec.intervalSeconds);
        boolean wasFailing = status.consecutiveFailures > 0 || !RepositoryPhase.Ready.name().equals(status.phase);
        boolean record = report.outcome() != SyncOutcome.Unchanged || wasFailing;
        status.leaseOwner = null;
        status.leaseExpiresAt = null;
        status.lastSyncAt = now;
        switch (report.outcome()) {
            case Unchanged, Updated -> {
                if (report.outcome() == SyncOutcome.Updated) {
                    status.artifact = mapper.write(report.artifact());
                    status.artifactDigest = report.artifact().digest();
                    status.artifactRevision = report.artifact().revision();
                }
                if (record) {
                    status.conditions = mapper.write(Conditions.set(mapper.conditions(status), Condition.READY,
                            Condition.TRUE, Reasons.SUCCEEDED, "stored artifact for revision " + status.artifactRevision,
                            now));
                    status.phase = RepositoryPhase.Ready.name();
                    status.consecutiveFailures = 0;
                    status.lastSuccessAt = now;
                    status.observedVersion = report.specVersion();
                }
                status.nextSyncAt = schedule.afterSuccess(now, interval);
            }
            case Failed -> {
                String reason = report.reason() == null ? Reasons.UNREACHABLE : report.reason();
                status.conditions = mapper.write(Conditions.set(mapper.conditions(status), Condition.READY,
                        Condition.FALSE, reason, report.message(), now));
                status.phase = RepositoryPhase.Failed.name();
                status.consecutiveFailures++;
                status.observedVersion = report.specVersion();
                status.nextSyncAt = schedule.afterFailure(now, interval, status.consecutiveFailures,
                        report.retryAfterSeconds());
            }
        }
        if (spec.version != report.specVersion()) {
            // The spec changed while the worker was busy: sync the new spec at once.
            status.nextSyncAt = now;
        }
        if (!record) {
            return Uni.createFrom().voidItem();
        }
        LOG.infof("sync of %s/%s: %s%s", spec.tenant, spec.name, report.outcome(),
                report.outcome() == SyncOutcome.Failed ? " (" + report.reason() + ")" : " " + status.artifactRevision);
        SyncAttemptEntity attempt = new SyncAttemptEntity();
        attempt.repositoryId = spec.id;
        attempt.finishedAt = now;
        attempt.outcome = report.outcome().name();
        attempt.revision = report.outcome() == SyncOutcome.Failed ? null : status.artifactRevision;
        attempt.reason = report.outcome() == SyncOutcome.Failed ? report.reason() : Reasons.SUCCEEDED;
        attempt.message = truncate(report.message(), 2048);
        attempt.durationMillis = Math.max(0, report.durationMillis());
        attempt.worker = report.worker();
        return attempts.persist(attempt).flatMap(a -> attempts.prune(spec.id, HISTORY_KEPT)).replaceWithVoid();
    }

    private static void validateReport(SyncReport report) {
        validateWorker(report.worker());
        if (report.outcome() == null) {
            throw ProblemException.badRequest("outcome is required");
        }
        if (report.outcome() == SyncOutcome.Updated && report.artifact() == null) {
            throw ProblemException.badRequest("an Updated report needs its artifact");
        }
    }

    private static void validateWorker(String worker) {
        if (worker == null || worker.isBlank() || worker.length() > 128) {
            throw ProblemException.badRequest("worker must be a non-empty id of at most 128 characters");
        }
    }

    private static int checkLeaseSeconds(int seconds) {
        if (seconds < 1 || seconds > MAX_LEASE_SECONDS) {
            throw ProblemException.badRequest("leaseSeconds must be between 1 and " + MAX_LEASE_SECONDS);
        }
        return seconds;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
