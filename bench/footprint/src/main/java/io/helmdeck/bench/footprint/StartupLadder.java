package io.helmdeck.bench.footprint;

import io.helmdeck.local.PlatformService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The start-up ladder (bench/startup-floor/ladder.sh): bare Quarkus, then the same application with one more of the
 * extensions the services carry at each step, no code of ours in any of them. Each step is started and timed as the
 * services and the framework floor are ({@link FrameworkFloor}), with sync-worker's chart flags, so the table shows
 * what each extension alone adds to start-up on this machine, before a single line of Helmdeck runs.
 */
public final class StartupLadder {

    private StartupLadder() {
    }

    /** Arguments: the project root, the ladder directory (one {@code N-name/quarkus-app} per step), starts per step. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path ladder = Path.of(args[1]).toAbsolutePath().normalize();
        int starts = Integer.parseInt(args[2]);
        // No class archive: the ladder shows what the framework costs to start from the jars, as the floor does.
        List<String> options = ClassArchiveTrainer.withoutArchive(ChartJvmSettings.read(
                root.resolve("deploy/helm/helmdeck/values.yaml"), PlatformService.SYNC_WORKER).options());
        List<Path> steps;
        try (var list = Files.list(ladder)) {
            steps = list.filter(Files::isDirectory).sorted(Comparator.comparing(StartupLadder::stepNumber)).toList();
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path logs = Files.createDirectories(ladder.resolveSibling("ladder-runs").resolve(stamp));
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "load average (1/5/15 min) before: %s%n%n"
                        + "| step | start → ready (%d starts) | median | CPU to ready | median CPU |%n"
                        + "|---|---|---|---|---|%n", FootprintBench.loadavg(), starts));
        for (Path step : steps) {
            FrameworkFloor app = new FrameworkFloor(step.resolve("quarkus-app"), starts);
            List<FrameworkFloor.Start> measured = app.measure(options, Files.createDirectories(
                    logs.resolve(step.getFileName())));
            table.append(String.format(Locale.ROOT, "| %s | %s | %.2f s | %s | %.2f s |%n", step.getFileName(),
                    FrameworkFloor.seconds(measured, false), median(measured, false),
                    FrameworkFloor.seconds(measured, true), median(measured, true)));
            System.out.println("measured " + step.getFileName());
        }
        table.append(String.format(Locale.ROOT, "%nload average after: %s; JVM options: `%s`%n",
                FootprintBench.loadavg(), String.join(" ", options)));
        Path result = logs.resolve("ladder.md");
        Files.writeString(result, table);
        System.out.println(table);
        System.out.println("results in " + result);
    }

    private static int stepNumber(Path step) {
        String name = step.getFileName().toString();
        return Integer.parseInt(name.substring(0, name.indexOf('-')));
    }

    private static double median(List<FrameworkFloor.Start> starts, boolean cpu) {
        List<Double> seconds = new ArrayList<>();
        for (FrameworkFloor.Start s : starts) {
            Duration d = cpu ? s.cpuToReady() : s.toReady();
            if (d != null) {
                seconds.add(d.toMillis() / 1000.0);
            }
        }
        seconds.sort(Double::compare);
        return seconds.isEmpty() ? Double.NaN : seconds.get(seconds.size() / 2);
    }
}
