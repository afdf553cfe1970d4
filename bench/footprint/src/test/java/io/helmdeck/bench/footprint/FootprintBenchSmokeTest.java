package io.helmdeck.bench.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The memory and start-up benchmark at a tiny size (5 repositories, 2 releases, a 5 s window) inside
 * {@code ./mvnw verify}, against the services this reactor just packaged, with the chart's JVM settings: the whole
 * harness runs and writes its table. No figure is checked against a bound: timings and RSS on a shared machine say
 * nothing about correctness; a harness that no longer runs does.
 */
class FootprintBenchSmokeTest {

    @Test
    void theHarnessRunsAtATinySizeAndWritesItsTable() throws Exception {
        FootprintBench bench = new FootprintBench(Path.of("..", ".."), Path.of("target", "smoke"));
        bench.parse(new String[] {"--repositories", "5", "--releases", "2", "--interval", "00:10",
            "--steady-seconds", "5", "--sample-seconds", "1", "--ready-timeout", "240", "--label", "smoke"});

        assertThat(bench.run()).as("the bench's exit code (its output above says why a run failed)").isZero();

        String table = Files.readString(bench.resultFile);
        assertThat(table).contains("### 5 repositories (interval 00:10), 2 releases — smoke")
                .contains("load average (1/5/15 min) before")
                // wall time and CPU time to ready, then RSS
                .containsPattern("\\| repo-service \\| 256 MiB, 1 CPU \\| [0-9.]+ s \\| [0-9.]+ s \\| [0-9]+ MiB \\|")
                .containsPattern("\\| release-service \\| [0-9]+ MiB, [0-9] CPU \\| [0-9.]+ s \\| [0-9.]+ s \\| [0-9]+ MiB \\|")
                .containsPattern("\\| sync-worker \\| [0-9]+ MiB, [0-9] CPU \\| [0-9.]+ s \\| [0-9.]+ s \\| [0-9]+ MiB \\|")
                .containsPattern("\\| \\*bare Quarkus\\* \\(REST \\+ health[^|]*\\| — \\| [0-9.]+ / [0-9.]+ / [0-9.]+ s \\| [0-9.]+ / [0-9.]+ / [0-9.]+ s \\|")
                // the services ran with the chart's flags, the container limit given as MaxRAM
                .contains("-XX:MaxRAM=268435456", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=", "-XX:TieredStopAtLevel=1");
        assertThat(Files.readString(bench.runDir.resolve("repo-service-class-histogram.txt"))).contains("Total");
        // Helm's Go runtime keeps SIGQUIT from the JVM once loaded; the chart's -XX:+StartAttachListener is what lets
        // jcmd attach to release-service all the same (ADR 0032).
        assertThat(Files.readString(bench.runDir.resolve("release-service-class-histogram.txt"))).contains("Total");
    }
}
