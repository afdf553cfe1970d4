package io.helmdeck.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.helmdeck.e2e.StackUnderTest;

/**
 * Makes a service's class archive the way its image does (the {@code RUN} step of its {@code Dockerfile.jvm}, ADR
 * 0036): one training start under the {@code cds-training} profile with {@code -XX:ArchiveClassesAtExit}, which stops
 * by itself, then {@code -XX:+PrintSharedArchiveAndExit} to prove this JVM can use it with these jars. The chart's
 * {@code -XX:SharedArchiveFile} names the image's path; the bench points it at the archive made here instead.
 */
final class ClassArchiveTrainer {

    /** The chart's option (deploy/helm/helmdeck/values.yaml) naming the archive inside the image. */
    static final String IMAGE_ARCHIVE_OPTION = "-XX:SharedArchiveFile=/deployments/app-cds.jsa";

    /** The training start's own flags, as the Dockerfiles give them. */
    private static final List<String> TRAINING_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dquarkus.profile=prod,cds-training");

    private ClassArchiveTrainer() {
    }

    /**
     * Trains {@code quarkusApp}'s archive into {@code archive} when {@code options} map the image's archive, and
     * returns the options with that path replaced; without the option (dropped with --drop-option), unchanged.
     */
    static List<String> trainIfMapped(Path quarkusApp, List<String> options, Path archive, Path log)
            throws IOException, InterruptedException {
        if (!options.contains(IMAGE_ARCHIVE_OPTION)) {
            return options;
        }
        Files.createDirectories(archive.getParent());
        Files.deleteIfExists(archive);
        List<String> training = new ArrayList<>(List.of(java()));
        training.addAll(TRAINING_FLAGS);
        // The images' training start listens on its profile's port; here a free one, since others may be taken.
        training.add("-Dquarkus.http.port=" + StackUnderTest.freePort());
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        training.addAll(List.of("-jar", quarkusApp.resolve("quarkus-run.jar").toString()));
        run(training, log, "the training start");
        run(List.of(java(), "-XX:SharedArchiveFile=" + archive, "-XX:+PrintSharedArchiveAndExit", "-jar",
                quarkusApp.resolve("quarkus-run.jar").toString()), log.resolveSibling(log.getFileName() + ".check"),
                "the archive check");
        List<String> mapped = new ArrayList<>(options);
        mapped.replaceAll(o -> o.equals(IMAGE_ARCHIVE_OPTION) ? "-XX:SharedArchiveFile=" + archive : o);
        return List.copyOf(mapped);
    }

    /** The options without any class archive (bare Quarkus has none of its own, and a service's is not its). */
    static List<String> withoutArchive(List<String> options) {
        return options.stream().filter(o -> !o.startsWith("-XX:SharedArchiveFile=")).toList();
    }

    private static void run(List<String> command, Path log, String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " did not end within 3 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(what + " failed (exit " + process.exitValue() + "); see " + log);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
