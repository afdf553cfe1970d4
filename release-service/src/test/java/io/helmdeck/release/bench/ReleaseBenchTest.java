package io.helmdeck.release.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.helmdeck.release.reconcile.ReplicaIdentity;
import io.helmdeck.release.reconcile.SourceDouble;
import io.helmdeck.release.support.ReleaseApi;
import io.helmdeck.release.support.ChartFiles;
import io.helmdeck.support.testing.Db;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.helmdeck.release.support.SandboxClusterResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The release benchmark. Measures release-service itself: API → reconcile loop → Helm render → apply to the fabric8
 * sandbox cluster (controllers make workloads ready after 200 ms; client-side apply) → status, with a stand-in repo-service serving the chart by digest.
 * {@code ./mvnw verify} runs it at a tiny size (2 single runs, a fleet of 5) so that it cannot rot, checking only
 * that it completes and writes its table (hence the {@code Test} suffix: Surefire's default includes pick it up); {@code bench/release/run.sh} runs it at the documented size. Results go
 * to stdout and to {@code target/bench-release.md}; method and figures are in docs/benchmarks.md.
 */
@QuarkusTest
@WithTestResource(value = SandboxClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = SourceDouble.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ReleaseBenchTest {

    // Defaults: the smoke size run by ./mvnw verify; bench/release/run.sh passes the documented size.
    static final int SINGLE_RUNS = Integer.getInteger("bench.single-runs", 2);
    static final int FLEET = Integer.getInteger("bench.fleet", 5);
    static final Duration WAIT = Duration.ofSeconds(Integer.getInteger("bench.wait-seconds", 180));
    static final Path RESULT = Path.of("target", "bench-release.md");
    static final Path RESTART_RESULT = Path.of("target", "bench-restart.md");
    /** Releases a killed replica held: as many as it reconciles at once (helmdeck.reconcile.max-concurrent). */
    static final int HELD = 4;

    @Inject
    ReplicaIdentity replica;

    @Test
    void installAndUpgradeOfOneReleaseThenAFleetFromOneRepository() throws Exception {
        StringBuilder out = new StringBuilder();
        byte[] chart = ChartFiles.scaffold("bench", "0.1.0", "1.0.0", Map.of());
        String loadBefore = BenchLoad.average();
        out.append("| measure | result |\n|---|---|\n");
        out.append(String.format("| machine | %d cores, JVM %s; load average (1/5/15 min) before %s |%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore));

        // 1. One release at a time: create → Deployed (install), values change → next revision Deployed (upgrade).
        String tenant = ReleaseApi.newTenant();
        SourceDouble.publish(tenant, "bench", "0.1.0", chart);
        List<Double> installs = new ArrayList<>();
        List<Double> upgrades = new ArrayList<>();
        for (int i = 0; i < SINGLE_RUNS + 2; i++) {
            String name = "single-" + i;
            long start = System.nanoTime();
            create(tenant, name, "bench", 1);
            await(tenant, name, r -> "Deployed".equals(r.getString("status.phase")));
            double install = ms(start);
            start = System.nanoTime();
            given().contentType("application/merge-patch+json").body("{\"values\":{\"replicaCount\":2}}")
                    .patch(ReleaseApi.base(tenant) + "/" + name).then().statusCode(200);
            await(tenant, name, r -> r.getInt("status.currentRevision") == 2
                    && "Deployed".equals(r.getString("status.phase")));
            double upgrade = ms(start);
            if (i >= 2) { // the first two warm up the JIT, helm-java (JNA) and the connection pools
                installs.add(install);
                upgrades.add(upgrade);
            }
        }
        out.append(line("install, one release (create → Deployed)", installs));
        out.append(line("upgrade, one release (values patch → revision 2 Deployed)", upgrades));

        // 2. A fleet: FLEET releases of one repository created at once; time until every one is Deployed.
        String fleetTenant = ReleaseApi.newTenant();
        SourceDouble.publish(fleetTenant, "bench", "0.1.0", chart);
        long start = System.nanoTime();
        for (int i = 0; i < FLEET; i++) {
            create(fleetTenant, "fleet-" + i, "bench", 1);
        }
        double created = ms(start);
        long deadline = System.nanoTime() + WAIT.toNanos();
        int deployed = 0;
        while (System.nanoTime() < deadline) {
            JsonPath page = given().get(ReleaseApi.base(fleetTenant) + "?phase=Deployed&limit=500").then().statusCode(200)
                    .extract().jsonPath();
            deployed = page.getList("items").size();
            if (deployed == FLEET) {
                break;
            }
            Thread.sleep(100);
        }
        double all = ms(start);
        out.append(String.format("| %d releases of one repository | created in %.1f s; all Deployed %.1f s after the"
                + " first POST (%d of %d deployed); %.1f releases/s |%n", FLEET, created / 1000, all / 1000, deployed,
                FLEET, FLEET / (all / 1000)));
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        out.append(String.format("| heap used after GC (test JVM: release-service + mock API server + test) | %d MiB |%n",
                heap >> 20));
        out.append(String.format("| load average (1/5/15 min) after | %s |%n", BenchLoad.average()));
        System.out.print("\n=== release bench ===\n" + out);
        Files.writeString(RESULT, out);

        // A bench, not a test of speed: it must finish and leave its table, whatever the figures.
        assertThat(deployed).as("releases of the fleet Deployed within " + WAIT).isEqualTo(FLEET);
        assertThat(Files.readString(RESULT)).contains("| install, one release", "| upgrade, one release",
                "| " + FLEET + " releases of one repository |");
    }

    /**
     * A crash in the middle of a fleet: the state {@code kill -9} leaves (the {@value #HELD} releases the process was
     * reconciling still leased to it, with their heartbeat just renewed, and due before the others, since they were
     * claimed first; the others due), written in one statement,
     * then the time until every release of the fleet is upgraded. Once as if the killed replica came back under its
     * own replica id (its leases are taken on the first claim), once as if another replica or a pod with a new name
     * carries on (the leases lapse after {@code helmdeck.reconcile.lease}).
     */
    @Test
    void resumeAfterACrashInTheMiddleOfAFleet() throws Exception {
        String tenant = ReleaseApi.newTenant();
        SourceDouble.publish(tenant, "bench", "0.1.0", ChartFiles.scaffold("bench", "0.1.0", "1.0.0", Map.of()));
        for (int i = 0; i < FLEET; i++) {
            create(tenant, "crash-" + i, "bench", 1);
        }
        awaitFleet(tenant, 1);
        StringBuilder out = new StringBuilder("| dead process's leases held by | all " + FLEET
                + " resumed and Deployed | the " + Math.min(HELD, FLEET) + " it held |\n|---|---|---|\n");
        String[][] cases = {{replica.replicaId() + "/dead0001", "the same replica id (restarted in place)"},
                {"gone-replica/dead0002", "another replica id (new pod name)"}};
        int revision = 1;
        for (String[] crash : cases) {
            revision++;
            SourceDouble.publish(tenant, "bench", "0." + revision + ".0",
                    ChartFiles.scaffold("bench", "0." + revision + ".0", "1.0.0", Map.of()));
            long start = System.nanoTime();
            Db.execute("""
                    update helm_release_status s
                       set next_reconcile_at = case when r.name = any(?) then now() - interval '1 second' else now() end,
                           lease_holder = case when r.name = any(?) then ? end,
                           lease_expires_at = case when r.name = any(?) then now() + interval '20 seconds' end
                      from helm_release r where r.id = s.release_id and r.tenant = ?""",
                    held(), held(), crash[0], held(), tenant);
            double[] times = awaitFleet(tenant, revision, start);
            out.append(String.format("| %s | %.1f s | %.1f s |%n", crash[1], times[0] / 1000, times[1] / 1000));
        }
        out.append(String.format("| load average (1/5/15 min) after | %s | |%n", BenchLoad.average()));
        System.out.print("\n=== restart bench ===\n" + out);
        Files.writeString(RESTART_RESULT, out);
        assertThat(Files.readString(RESTART_RESULT)).contains("| the same replica id", "| another replica id");
    }

    private static String[] held() {
        return java.util.stream.IntStream.range(0, Math.min(HELD, FLEET)).mapToObj(i -> "crash-" + i)
                .toArray(String[]::new);
    }

    /** Waits until the whole fleet is at {@code revision}; ms until all of it, and until the held ones, were. */
    private static double[] awaitFleet(String tenant, int revision, long start) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double heldDone = -1;
        List<String> heldNames = List.of(held());
        while (System.nanoTime() < deadline) {
            JsonPath page = given().get(ReleaseApi.base(tenant) + "?limit=500").then().statusCode(200).extract()
                    .jsonPath();
            List<String> names = page.getList("items.name");
            List<Integer> revisions = page.getList("items.status.currentRevision");
            List<String> phases = page.getList("items.status.phase");
            int done = 0;
            int heldAt = 0;
            for (int i = 0; i < names.size(); i++) {
                if (revisions.get(i) != null && revisions.get(i) == revision && "Deployed".equals(phases.get(i))) {
                    done++;
                    heldAt += heldNames.contains(names.get(i)) ? 1 : 0;
                }
            }
            if (heldDone < 0 && heldAt == heldNames.size()) {
                heldDone = ms(start);
            }
            if (done == FLEET) {
                return new double[] {ms(start), heldDone};
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fleet of " + tenant + " not at revision " + revision + " within " + WAIT);
    }

    private static void awaitFleet(String tenant, int revision) throws InterruptedException {
        awaitFleet(tenant, revision, System.nanoTime());
    }

    private static void create(String tenant, String name, String source, int replicas) {
        ReleaseApi.json().body("{\"name\":\"" + name + "\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"" + source
                + "\",\"install\":{\"createNamespace\":true},\"values\":{\"replicaCount\":" + replicas + "}}")
                .post(ReleaseApi.base(tenant)).then().statusCode(201);
    }

    private static void await(String tenant, String name, Predicate<JsonPath> done) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            JsonPath view = ReleaseApi.get(tenant, name).then().statusCode(200).extract().jsonPath();
            try {
                if (done.test(view)) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // a field not there yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " did not get there in " + WAIT);
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static String line(String what, List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return String.format("| %s | n=%d, p50 %.0f ms, p95 %.0f ms (min %.0f, max %.0f) |%n", what, sorted.size(),
                percentile(sorted, 50), percentile(sorted, 95), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
