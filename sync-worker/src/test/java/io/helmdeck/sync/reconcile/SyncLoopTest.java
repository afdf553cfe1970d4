package io.helmdeck.sync.reconcile;

import static io.helmdeck.sync.testing.SharedRegistry.DEMO_REPO;
import static io.helmdeck.sync.testing.SharedRegistry.DEMO_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.model.sync.SyncOutcome;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.model.value.Digest;
import io.helmdeck.sync.chart.ChartExtractor;
import io.helmdeck.sync.lease.WorkerId;
import io.helmdeck.sync.oci.MediaTypes;
import io.helmdeck.sync.testing.FaultProxy;
import io.helmdeck.sync.testing.RawRegistry;
import io.helmdeck.sync.testing.LeaseApiDouble;
import io.helmdeck.sync.testing.LeaseApiDouble.Received;
import io.helmdeck.sync.testing.SharedRegistry;
import io.helmdeck.sync.testing.TestClients;
import io.helmdeck.sync.testing.TestLoopConfig;
import io.helmdeck.sync.testing.TestSyncConfig;
import io.helmdeck.sync.testing.TestTasks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The loop against a double of repo-service's lease API and the real registry, several workers at once. */
class SyncLoopTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static String registry;
    static String demoRevision;

    LeaseApiDouble repoService;
    SyncMetrics metrics;

    @BeforeAll
    static void pushCharts() throws Exception {
        registry = SharedRegistry.get().registry.address();
        demoRevision = DEMO_VERSION + "@" + Digest.sha256Of(new RawRegistry(registry).getManifest(DEMO_REPO,
                DEMO_VERSION, MediaTypes.OCI_MANIFEST));
    }

    @BeforeEach
    void start() throws Exception {
        repoService = LeaseApiDouble.start();
        metrics = new SyncMetrics(new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        repoService.close();
    }

    SyncLoop loop(TestLoopConfig config, Clock clock) {
        WorkerId worker = new WorkerId(config.worker());
        OciRepositoryReconciler reconciler = new OciRepositoryReconciler(new TestClients().client,
                new ChartExtractor(TestSyncConfig.defaults()), repoService.artifactStore(), TestSyncConfig.defaults(),
                metrics, worker);
        return new SyncLoop(repoService.leaseClient(), reconciler, config, worker, clock);
    }

    SyncLoop loop(TestLoopConfig config) {
        return loop(config, Clock.systemUTC());
    }

    /** A repository synced before at its current spec: a sync is one HEAD, so only the loop's cost shows. */
    static SyncTask unchanged(long id, String address) {
        return TestTasks.synced(TestTasks.tag(id, address, DEMO_REPO, DEMO_VERSION), demoRevision, 1);
    }

    void pollUntil(BooleanSupplier done, Duration max, SyncLoop... loops) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(() -> "condition not reached within " + max + "; repo-service saw "
                    + repoService.requests() + ", claims " + repoService.claims()).isLessThan(end);
            for (SyncLoop loop : loops) {
                loop.poll().await().atMost(WAIT);
            }
            Thread.sleep(50);
        }
    }

    List<Received> accepted() {
        return repoService.reports().stream().filter(r -> r.status() == 204).toList();
    }

    @Test
    void twoWorkersReportEachClaimedRepositoryOnceAndOnlyTheClaimantReports() throws Exception {
        for (long id = 1; id <= 10; id++) {
            repoService.addDue(TestTasks.tag(id, registry, DEMO_REPO, DEMO_VERSION));
        }
        SyncLoop one = loop(new TestLoopConfig(3, 3, 10, "worker-1"));
        SyncLoop two = loop(new TestLoopConfig(3, 3, 10, "worker-2"));

        pollUntil(() -> repoService.reports().size() >= 10 && one.held() == 0 && two.held() == 0,
                Duration.ofSeconds(30), one, two);

        Map<Long, String> claimant = repoService.claims().stream()
                .collect(Collectors.toMap(c -> Long.parseLong(c.split(" ")[1]), c -> c.split(" ")[0]));
        assertThat(repoService.claims()).hasSize(10);
        assertThat(claimant.values()).contains("worker-1", "worker-2");
        assertThat(repoService.reports()).hasSize(10).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(204);
            assertThat(r.report().worker()).isEqualTo(claimant.get(r.repositoryId()));
            assertThat(r.report().outcome()).isEqualTo(SyncOutcome.Updated);
        });
        assertThat(repoService.reports()).extracting(Received::repositoryId).doesNotHaveDuplicates();
        assertThat(repoService.artifacts()).hasSize(1);
        assertThat(metrics.inFlight()).isZero();
    }

    @Test
    void aFreedSlotIsClaimedAgainWithoutWaitingForTheNextTick() throws Exception {
        for (long id = 1; id <= 12; id++) {
            repoService.addDue(unchanged(id, registry));
        }
        SyncLoop loop = loop(new TestLoopConfig(2, 2, 10, "worker-1"));

        // One poll by hand, never another: only the loop's own claims can get through twelve repositories
        // two at a time.
        loop.poll().await().atMost(WAIT);
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (repoService.reports().size() < 12 && System.nanoTime() < end) {
            Thread.sleep(20);
        }

        assertThat(repoService.reports()).hasSize(12);
        assertThat(repoService.reports()).extracting(Received::repositoryId).doesNotHaveDuplicates();
        assertThat(accepted()).hasSize(12);
    }

    @Test
    void aSlowSyncRenewsItsLeaseAndStillReports() throws Exception {
        try (FaultProxy slow = FaultProxy.start("http://" + registry)) {
            slow.hang(2500);
            repoService.addDue(unchanged(1, slow.address()));
            SyncLoop loop = loop(new TestLoopConfig(4, 4, 2, "worker-1"));

            // Until the result has arrived, not only until the slot is free: a slot is freed before its result goes
            // out, so under load the check could run between the two and find no report yet.
            pollUntil(() -> loop.held() == 0 && !repoService.reports().isEmpty(), WAIT, loop);

            assertThat(repoService.claims()).isNotEmpty();
            assertThat(repoService.renewals()).contains("worker-1 1");
            assertThat(repoService.reports()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(204);
                assertThat(r.report().outcome()).isEqualTo(SyncOutcome.Unchanged);
                assertThat(r.report().durationMillis()).isGreaterThanOrEqualTo(2500);
            });
        }
    }

    @Test
    void aLeaseLostWhileSyncingIsNotReported() throws Exception {
        try (FaultProxy slow = FaultProxy.start("http://" + registry)) {
            slow.hang(2500);
            repoService.addDue(unchanged(1, slow.address()));
            SyncLoop loop = loop(new TestLoopConfig(4, 4, 2, "worker-1"));
            loop.poll().await().atMost(WAIT);
            repoService.stealLease(1, "worker-2");

            pollUntil(() -> loop.held() == 0, WAIT, loop);

            assertThat(repoService.reports()).isEmpty();
            assertThat(repoService.count("POST", "/internal/v1/sync/leases/1/renew")).isEqualTo(1);
        }
    }

    @Test
    void conflictOrGoneOnReportIsDroppedWithoutRetryAndTheLoopGoesOn() throws Exception {
        // Leases outlive the test, so a repository is only ever claimed once here.
        SyncLoop loop = loop(new TestLoopConfig(4, 4, 60, "worker-1"));
        repoService.answerReportsWith(409);
        repoService.addDue(unchanged(1, registry));
        pollUntil(() -> !repoService.reports().isEmpty() && loop.held() == 0, WAIT, loop);

        repoService.answerReportsWith(404);
        repoService.addDue(unchanged(2, registry));
        pollUntil(() -> repoService.reports().size() == 2 && loop.held() == 0, WAIT, loop);

        repoService.answerReportsWith(0);
        repoService.addDue(unchanged(3, registry));
        pollUntil(() -> !accepted().isEmpty() && loop.held() == 0, WAIT, loop);

        assertThat(repoService.reports()).as(() -> repoService.requests() + " " + repoService.claims())
                .extracting(Received::repositoryId, Received::status)
                .containsExactly(tuple(1L, 409), tuple(2L, 404), tuple(3L, 204));
    }

    @Test
    void aSlowRegistryGetsItsShareWhileOtherRegistriesKeepSyncing() throws Exception {
        try (FaultProxy slow = FaultProxy.start("http://" + registry)) {
            // Long enough that the three fast syncs finish well inside the first round of two slow ones even on a
            // loaded machine (at 1 s the fast ones sometimes lost the race and the count read 3).
            slow.hang(2500);
            for (long id = 1; id <= 6; id++) {
                repoService.addDue(unchanged(id, slow.address()));
            }
            for (long id = 7; id <= 9; id++) {
                repoService.addDue(unchanged(id, registry));
            }
            SyncLoop loop = loop(new TestLoopConfig(8, 2, 10, "worker-1"));

            pollUntil(() -> accepted().stream().filter(r -> r.repositoryId() >= 7).count() == 3, WAIT, loop);
            long slowDoneWhenFastWere = accepted().stream().filter(r -> r.repositoryId() <= 6).count();
            pollUntil(() -> accepted().size() == 9 && loop.held() == 0, Duration.ofSeconds(30), loop);

            assertThat(slowDoneWhenFastWere).isLessThanOrEqualTo(2);
            assertThat(slow.maxConcurrentRequests()).isLessThanOrEqualTo(2);
            assertThat(accepted()).extracting(Received::repositoryId).doesNotHaveDuplicates();
        }
    }

    @Test
    void aLingeringResultGoesAtItsDeadlineWithoutATickOrAnotherSyncEnding() throws Exception {
        try (FaultProxy slow = FaultProxy.start("http://" + registry)) {
            slow.hang(4000);
            for (long id = 1; id <= 4; id++) {
                repoService.addDue(unchanged(id, slow.address()));
            }
            repoService.addDue(unchanged(5, registry));
            // Five slots, four per registry: once the fast sync ends one slot is free, less than half a lane's
            // waiting room, so its result lingers (ADR 0034) while the four slow syncs hold the others.
            SyncLoop loop = loop(new TestLoopConfig(5, 4, 30, "worker-1"));
            loop.poll().await().atMost(WAIT); // the only tick of this test

            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (accepted().isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(accepted()).as("the fast result went out at its linger deadline, the slow syncs still running")
                    .extracting(Received::repositoryId).containsExactly(5L);
            assertThat(loop.running()).isEqualTo(4);
        }
    }

    @Test
    void resultsOfAFailedExchangeAreHandedInWithTheNextOne() throws Exception {
        SyncLoop loop = loop(new TestLoopConfig(4, 4, 60, "worker-1"));
        repoService.answerReportsWith(503);
        repoService.addDue(unchanged(1, registry));
        pollUntil(() -> !repoService.reports().isEmpty() && loop.held() == 0, WAIT, loop);

        repoService.answerReportsWith(0);
        pollUntil(() -> !accepted().isEmpty(), WAIT, loop);

        assertThat(repoService.reports()).extracting(Received::repositoryId, Received::status)
                .startsWith(tuple(1L, 503)).endsWith(tuple(1L, 204));
        assertThat(repoService.claims()).as("claimed once: the result was kept, not synced again")
                .containsExactly("worker-1 1");
    }

    @Test
    void manyResultsReachRepoServiceOnceEachThroughExchanges() throws Exception {
        for (long id = 1; id <= 40; id++) {
            repoService.addDue(unchanged(id, registry));
        }
        SyncLoop loop = loop(new TestLoopConfig(40, 4, 60, "worker-1"));

        pollUntil(() -> accepted().size() == 40 && loop.held() == 0, Duration.ofSeconds(20), loop);

        assertThat(accepted()).extracting(Received::repositoryId).doesNotHaveDuplicates().hasSize(40);
        assertThat(repoService.reports()).as("nothing refused, nothing sent twice").hasSize(40);
        // Results and claims travel in exchanges only; no repository was handed back (the claim fits the lanes).
        assertThat(repoService.count("POST", "/internal/v1/sync/leases/")).isZero();
        assertThat(repoService.count("POST", "/internal/v1/sync/claims")).isZero();
    }

    @Test
    void claimsBackOffWhileRepoServiceFailsAndResumeAfterwards() throws Exception {
        MutableClock clock = new MutableClock();
        SyncLoop loop = loop(new TestLoopConfig(4, 4, 10, "worker-1"), clock);
        repoService.answerClaimsWith(503);

        for (int i = 0; i < 5; i++) {
            loop.poll().await().atMost(WAIT);
        }
        assertThat(repoService.count("POST", "/internal/v1/sync/exchanges")).isEqualTo(1);
        clock.advance(Duration.ofMillis(250));
        loop.poll().await().atMost(WAIT);
        loop.poll().await().atMost(WAIT);
        assertThat(repoService.count("POST", "/internal/v1/sync/exchanges")).isEqualTo(2);

        repoService.answerClaimsWith(0);
        repoService.addDue(unchanged(1, registry));
        clock.advance(Duration.ofSeconds(1));
        pollUntil(() -> !accepted().isEmpty(), WAIT, loop);
    }

    @Test
    void aStoppedLoopClaimsNothing() {
        SyncLoop loop = loop(new TestLoopConfig(4, 4, 10, "worker-1"));
        repoService.addDue(unchanged(1, registry));

        loop.stop(Duration.ZERO);
        loop.poll().await().atMost(WAIT);

        assertThat(repoService.requests()).isEmpty();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
