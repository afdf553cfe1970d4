package io.helmdeck.release.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.helmdeck.release.reconcile.SourceDouble;
import io.helmdeck.release.support.ChartFiles;
import io.helmdeck.release.support.ReleaseApi;
import io.helmdeck.release.support.SandboxClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's waiting benchmark: a fleet of releases whose workloads become ready only 20 s after they are applied
 * (the sandbox cluster's controllers), all created at once, then one release with nothing to wait for (a chart of a
 * ConfigMap, a Service and a ServiceAccount) created while the whole fleet waits. Measures how long the fleet takes
 * from the first create to all {@code Deployed} (goal: 60 s for 100 with default settings) and how long the release
 * created in the middle takes (it must not queue behind the waits: ADR 0022, a wait holds no reconcile slot).
 * {@code ./mvnw verify} runs it with a fleet of 5 so that it cannot rot, asserting only that it completes and writes
 * its table; {@code bench/release/run.sh} runs it with 100. Results: stdout and
 * {@code target/bench-waiting-fleet.md}; method and figures in docs/benchmarks.md.
 */
@QuarkusTest
@WithTestResource(value = SandboxClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "readyDelay", value = "PT20S"))
@WithTestResource(value = SourceDouble.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class WaitingFleetBenchTest {

    static final int FLEET = Integer.getInteger("bench.waiting-fleet", 5);
    static final Duration WAIT = Duration.ofSeconds(Integer.getInteger("bench.wait-seconds", 180));
    static final Path RESULT = Path.of("target", "bench-waiting-fleet.md");
    /** The scaffold's Deployment replaced by a ConfigMap: ready as soon as it exists. */
    static final String CONFIG_ONLY = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-settings
            data:
              greeting: hello
            """;

    @Test
    void aFleetWaitingForItsWorkloadsDoesNotHoldBackAReleaseReadyToGo() throws Exception {
        String tenant = ReleaseApi.newTenant();
        SourceDouble.publish(tenant, "slow", "0.1.0", ChartFiles.scaffold("slow", "0.1.0", "1.0.0", Map.of()));
        SourceDouble.publish(tenant, "plain", "0.1.0",
                ChartFiles.scaffold("plain", "0.1.0", "1.0.0", Map.of("templates/deployment.yaml", CONFIG_ONLY)));
        String loadBefore = BenchLoad.average();

        long first = System.nanoTime();
        for (int i = 0; i < FLEET; i++) {
            create(tenant, "waiting-" + i, "slow");
        }
        double created = seconds(first);
        awaitWaiting(tenant);

        long middle = System.nanoTime();
        create(tenant, "middle", "plain");
        double middleDeployed = awaitDeployed(tenant, 1, middle, "middle");
        double fleetDeployed = awaitDeployed(tenant, FLEET + 1, first, "the fleet");

        String table = String.format("""
                | measure | result |
                |---|---|
                | machine | %d cores; load average (1/5/15 min) before %s, after %s |
                | %d releases, workloads ready 20 s after apply | created in %.1f s; all Deployed %.1f s after the first create |
                | 1 release with nothing to wait for, created while they all wait | Deployed %.1f s after its create |
                """, Runtime.getRuntime().availableProcessors(), loadBefore, BenchLoad.average(), FLEET, created,
                fleetDeployed, middleDeployed);
        System.out.print("\n=== waiting fleet bench ===\n" + table);
        Files.writeString(RESULT, table);

        // A bench, not a test of speed: it must finish and leave its table, whatever the figures.
        assertThat(Files.readString(RESULT)).contains("| " + FLEET + " releases", "| 1 release with nothing");
    }

    private static void create(String tenant, String name, String source) {
        ReleaseApi.json().body("{\"name\":\"" + name + "\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"" + source
                + "\",\"install\":{\"createNamespace\":true}}").post(ReleaseApi.base(tenant)).then().statusCode(201);
    }

    /**
     * Until every release of the fleet has been applied: waiting, or already done (with 100 the first are ready before
     * the last are applied, so "all waiting at once" never holds).
     */
    private static void awaitWaiting(String tenant) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            int progressing = given().get(ReleaseApi.base(tenant) + "?limit=500").then().statusCode(200).extract()
                    .jsonPath().getList("items.findAll { r -> r.status?.phase == 'Deployed' || r.status?.conditions?.find"
                            + " { c -> c.type == 'Ready' && c.reason == 'Progressing' } }.name", String.class).size();
            if (progressing >= FLEET) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the fleet of " + tenant + " was not waiting for readiness within " + WAIT);
    }

    /** Seconds from {@code start} until at least {@code count} releases of the tenant are Deployed. */
    private static double awaitDeployed(String tenant, int count, long start, String what)
            throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        String query = count == 1 ? "/middle" : "?phase=Deployed&limit=500";
        while (System.nanoTime() < end) {
            var json = given().get(ReleaseApi.base(tenant) + query).then().statusCode(200).extract().jsonPath();
            boolean done = count == 1 ? "Deployed".equals(json.getString("status.phase"))
                    : json.getList("items").size() >= count;
            if (done) {
                return seconds(start);
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + " of " + tenant + " not Deployed within " + WAIT);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
