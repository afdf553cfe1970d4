package io.helmdeck.bench.footprint;

import io.helmdeck.e2e.StackProcess;
import io.helmdeck.e2e.StackUnderTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Start-up of the lightest Quarkus application that answers a readiness probe ({@code bench/startup-floor}: REST and
 * health, no code of ours), timed exactly as the services are (process start to the first 200 from
 * {@code /q/health/ready}, CPU from /proc). A service cannot start faster than this on the same machine with the same
 * flags, so each service's start-up is read against it (ADR 0035).
 */
final class FrameworkFloor {

    /** A few starts: one start of a second is at the mercy of whatever else the machine does in that second. */
    static final int STARTS = 3;

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** One start: wall time and CPU (user + system) of the process when ready was first seen. */
    record Start(Duration toReady, Duration cpuToReady) {
    }

    private final Path quarkusApp;
    private final int starts;

    FrameworkFloor(Path quarkusApp) {
        this(quarkusApp, STARTS);
    }

    FrameworkFloor(Path quarkusApp, int starts) {
        this.quarkusApp = quarkusApp;
        this.starts = starts;
    }

    boolean built() {
        return Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"));
    }

    List<Start> measure(List<String> jvmOptions, Path logDir) throws IOException, InterruptedException {
        List<Start> measured = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            measured.add(startOnce(jvmOptions, logDir.resolve("startup-floor-" + (i + 1) + ".log")));
        }
        return measured;
    }

    private Start startOnce(List<String> jvmOptions, Path log) throws IOException, InterruptedException {
        StackProcess process = StackProcess.startApplication(quarkusApp, StackUnderTest.freePort(), jvmOptions, log);
        try {
            process.awaitReady(TIMEOUT);
            return new Start(process.startToReady(), process.cpuToReady());
        } finally {
            process.stop();
        }
    }

    /** "1.31 / 1.40 / 1.52 s" — every start, in order, so the spread shows. */
    static String seconds(List<Start> starts, boolean cpu) {
        List<String> each = new ArrayList<>();
        for (Start s : starts) {
            Duration d = cpu ? s.cpuToReady() : s.toReady();
            each.add(d == null ? "?" : String.format(Locale.ROOT, "%.2f", d.toMillis() / 1000.0));
        }
        return String.join(" / ", each) + " s";
    }
}
