package io.helmdeck.bench.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The sync benchmark at N = 5, inside {@code ./mvnw verify}, against the services this reactor just packaged: the
 * whole harness runs (registry, PostgreSQL, repo-service and a sync-worker wired as the local run wires them,
 * creates through the authenticated API, the steady window, the raw HEAD reference) and writes its result table.
 * No figure is checked against a bound: timings on a shared machine say nothing about correctness; a harness
 * that no longer runs does.
 */
class SyncBenchSmokeTest {

    private static final Path REACTOR = Path.of("..", "..").toAbsolutePath().normalize();

    @Test
    void theHarnessRunsAtFiveRepositoriesAndWritesItsTable() throws Exception {
        Bench bench = new Bench(Path.of("target", "smoke"),
                REACTOR.resolve("repo-service/target/quarkus-app"), REACTOR.resolve("sync-worker/target/quarkus-app"));
        bench.parse(new String[] {
            "--steady-seconds", "2", "--warmup-seconds", "1", "--head-seconds", "1", "--ready-timeout", "120",
            "--label", "smoke",
            // Start fast and small on a shared 2-core machine; the real runs use the JVM's defaults.
            "--service-jvm-option", "-XX:TieredStopAtLevel=1", "--service-jvm-option", "-XX:+UseSerialGC",
            "--service-jvm-option", "-Xmx256m",
            "--service-jvm-option", "-Duser.home=" + Path.of("target", "smoke", "home").toAbsolutePath(),
            "5"});

        int exitCode = bench.run();

        assertThat(exitCode).as("the bench's exit code (its output above says why a run failed)").isZero();
        assertThat(bench.resultFile).isRegularFile();
        String table = Files.readString(bench.resultFile);
        assertThat(table).contains("### N = 5 — smoke")
                // every repository was created through the authenticated API and became Ready
                .contains("| create N repositories (API, 8 clients) |").contains("(0 errors)")
                .contains("| Ready at the end (DB / list API) , Failed | 5 / 5, 0 |")
                .contains("| (b) steady-state Unchanged syncs/s")
                .contains("| CPU in the window, cores: worker / repo-service / PostgreSQL / registry / whole machine |")
                .contains("| exchange calls/s (ADR 0025)")
                .contains("| CPU per sync, ms: worker / repo-service / PostgreSQL / registry |")
                .contains("| (f) registry raw HEAD rate")
                .contains("| (f) worker syncs/s ÷ raw HEAD rate");
        // The figures come from these metric families; a renamed one would leave the table silently empty.
        assertThat(Files.readString(bench.lastRunDir.resolve("worker-metrics-end.txt")))
                .contains("helmdeck_syncs_total{", "helmdeck_registry_requests_total{", "helmdeck_sync_duration_seconds_sum{");
        assertThat(Files.readString(bench.lastRunDir.resolve("repo-service-metrics-end.txt")))
                .contains("helmdeck_lease_lag_seconds_count", "helmdeck_lease_lag_seconds_bucket{")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"[^\"]*exchanges");
    }
}
