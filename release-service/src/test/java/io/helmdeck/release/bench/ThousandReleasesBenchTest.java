package io.helmdeck.release.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.helmdeck.release.persistence.ReleaseLeases;
import io.helmdeck.release.persistence.ReplicaLocks;
import io.helmdeck.release.reconcile.ReconcileConfig;
import io.helmdeck.release.reconcile.ReconcileLoop;
import io.helmdeck.release.reconcile.ReleaseReconciler;
import io.helmdeck.release.reconcile.ReplicaIdentity;
import io.helmdeck.release.reconcile.SourceDouble;
import io.helmdeck.release.support.ChartFiles;
import io.helmdeck.release.support.ReleaseApi;
import io.helmdeck.release.support.SandboxClusterResource;
import io.helmdeck.support.testing.Db;
import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 3: N releases of one repository (goal: 1,000 in 120 s with one replica on 2 cores), each waiting for
 * readiness in the sandbox cluster (workloads ready {@value #READY_AFTER} after they are applied), timed from the
 * first create to all {@code Deployed} (= ready: waits are on by default), with the release-service RSS sampled
 * throughout. Run once with this process's reconcile loop alone, once with a second loop beside it under another
 * {@code helmdeck.reconcile.replica-id} (own lease holder, slots and workers, the same database): two replicas,
 * except that they share one JVM (heap, Helm's render pool, the CPU they would share on this machine anyway).
 * {@code ./mvnw verify} runs it with N = 5 so that it cannot rot, asserting only that it completes and writes its
 * table; {@code bench/release/run.sh} passes {@code SCALE_FLEET} (docs/benchmarks.md). Results: stdout and
 * {@code target/bench-thousand.md}.
 */
@QuarkusTest
@WithTestResource(value = SandboxClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "readyDelay", value = ThousandReleasesBenchTest.READY_AFTER))
@WithTestResource(value = SourceDouble.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ThousandReleasesBenchTest {

    static final String READY_AFTER = "PT3S";
    static final int FLEET = Integer.getInteger("bench.scale-fleet", 5);
    static final Duration WAIT = Duration.ofSeconds(Integer.getInteger("bench.wait-seconds", 180));
    /** Creating clients at once: a few, as API callers would be; one alone would time the harness, not the service. */
    static final int CREATORS = 4;
    /** Which runs: "1,2" (default), or "1" or "2" alone, to spare a loaded machine a run. */
    static final String REPLICAS = System.getProperty("bench.scale-replicas", "1,2");
    static final Path RESULT = Path.of("target", "bench-thousand.md");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String ADMIN = Tokens.admin();

    @TestHTTPResource("/")
    URI root;
    /** The service's address without the trailing slash, set before the first create. */
    static String API;

    @Inject
    ReleaseLeases leases;
    @Inject
    ReleaseReconciler reconciler;
    @Inject
    ReconcileConfig config;
    @Inject
    Clock clock;
    @Inject
    ReplicaLocks locks;

    @Test
    void aThousandReleasesWaitingForReadinessWithOneReplicaThenTwo() throws Exception {
        API = root.toString().replaceAll("/$", "");
        byte[] chart = ChartFiles.scaffold("fleet", "0.1.0", "1.0.0", Map.of());
        StringBuilder table = new StringBuilder(String.format("""
                | replicas | releases | load average before | created in | all Deployed (ready) after first create \
                | releases/s | CPU of the JVM per release | RSS of the JVM (start / max / end) | load average after |
                |---|---|---|---|---|---|---|---|---|
                """));
        if (REPLICAS.contains("1")) {
            table.append(run(1, chart));
        }
        if (!REPLICAS.contains("2")) {
            write(table);
            return;
        }
        ReconcileLoop second = new ReconcileLoop(leases, reconciler, config, clock,
                new ReplicaIdentity(locks, new OtherReplica(config)));
        // The second replica hears no API call (they land on the first here): it claims on its own poll tick.
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        ticks.scheduleAtFixedRate(second::wake, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        try {
            table.append(run(2, chart));
        } finally {
            ticks.shutdownNow();
        }
        write(table);
    }

    private static void write(StringBuilder table) throws IOException {
        String out = table + String.format("%nMachine: %d cores, JVM %s; workloads ready %s after apply.%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), READY_AFTER);
        System.out.print("\n=== thousand releases bench ===\n" + out);
        Files.writeString(RESULT, out);

        // A bench, not a test of speed: it must finish and leave its table, whatever the figures.
        assertThat(Files.readString(RESULT)).contains("| " + FLEET + " | ");
    }

    /** One fleet in a fresh tenant: its row of the table. */
    private String run(int replicas, byte[] chart) throws Exception {
        String tenant = ReleaseApi.newTenant();
        SourceDouble.publish(tenant, "fleet", "0.1.0", chart);
        String loadBefore = BenchLoad.average();
        RssSampler rss = new RssSampler();
        long cpuBefore = processCpuNanos();
        long first = System.nanoTime();
        ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
        List<Future<?>> creates = new ArrayList<>();
        for (int c = 0; c < CREATORS; c++) {
            int from = c;
            creates.add(creators.submit(() -> {
                for (int i = from; i < FLEET; i += CREATORS) {
                    create(tenant, "r-" + i);
                }
                return null;
            }));
        }
        for (Future<?> create : creates) {
            create.get();
        }
        creators.shutdown();
        double created = seconds(first);
        double deployed = awaitDeployed(tenant, first);
        double cpuPerRelease = (processCpuNanos() - cpuBefore) / 1e6 / FLEET;
        rss.stop();
        return String.format("| %d | %d | %s | %.1f s | **%.1f s** | %.1f | %.0f ms | %s | %s |%n", replicas, FLEET,
                loadBefore, created, deployed, FLEET / deployed, cpuPerRelease, rss, BenchLoad.average());
    }

    /**
     * One create, as an API client would send it: a plain JDK HTTP request with the admin's token. REST Assured, which
     * the tests use for its assertions, cost the harness about a quarter of the run's CPU in the profile of
     * docs/benchmarks.md, time the bench then charged to release-service.
     */
    private static void create(String tenant, String name) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(API + ReleaseApi.base(tenant)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"sourceType\":"
                        + "\"OCIRepository\",\"sourceName\":\"fleet\",\"install\":{\"createNamespace\":true}}"))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("create of " + name + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** CPU time of this whole JVM so far (every thread: release-service, the sandbox cluster, the harness). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Seconds from {@code start} until every release of the tenant is Deployed, read from the database. */
    private static double awaitDeployed(String tenant, long start) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            String done = Db.column("select count(*) from helm_release_status s join helm_release r on r.id = s.release_id"
                    + " where r.tenant = ? and s.phase = 'Deployed'", tenant).get(0);
            if (Integer.parseInt(done) >= FLEET) {
                return seconds(start);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the " + FLEET + " releases of " + tenant + " not Deployed within " + WAIT);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** This replica's settings under another replica id. */
    private record OtherReplica(ReconcileConfig of) implements ReconcileConfig {

        @Override
        public boolean enabled() {
            return of.enabled();
        }

        @Override
        public Duration pollInterval() {
            return of.pollInterval();
        }

        @Override
        public int maxConcurrent() {
            return of.maxConcurrent();
        }

        @Override
        public Duration lease() {
            return of.lease();
        }

        @Override
        public Optional<String> replicaId() {
            return Optional.of("bench-second-replica");
        }

        @Override
        public Duration retryDelay() {
            return of.retryDelay();
        }

        @Override
        public Duration waitPollMin() {
            return of.waitPollMin();
        }

        @Override
        public Duration waitPollMax() {
            return of.waitPollMax();
        }

        @Override
        public int renderedRevisionsKept() {
            return of.renderedRevisionsKept();
        }
    }

    /** The resident set of this JVM (release-service, the sandbox cluster, the harness), sampled every second. */
    private static final class RssSampler {

        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final long startKib = rssKib();
        private volatile long maxKib = startKib;

        RssSampler() {
            timer.scheduleAtFixedRate(() -> maxKib = Math.max(maxKib, rssKib()), 1, 1, TimeUnit.SECONDS);
        }

        void stop() {
            timer.shutdownNow();
        }

        @Override
        public String toString() {
            return String.format("%d / %d / %d MiB", startKib >> 10, maxKib >> 10, rssKib() >> 10);
        }

        private static long rssKib() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                        .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
