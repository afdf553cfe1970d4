package io.helmdeck.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The class data sharing archive a service's JVM option {@code -XX:SharedArchiveFile=…} names, made the way the
 * images make it (the {@code RUN} step of each {@code src/main/docker/Dockerfile.jvm}, ADR 0032): Quarkus' generate
 * mode, which stops after static initialisation, with the same JVM and the same absolute {@code -jar} path as the
 * measured start, since the JVM accepts an archive only when both match. Remade when the application was rebuilt.
 */
final class ServiceCdsArchive {

    static final String OPTION = "-XX:SharedArchiveFile=";

    private ServiceCdsArchive() {
    }

    /** The archive the options name, if any. */
    static Optional<Path> named(List<String> jvmOptions) {
        return jvmOptions.stream().filter(o -> o.startsWith(OPTION)).reduce((a, b) -> b)
                .map(o -> Path.of(o.substring(OPTION.length())));
    }

    /** Makes the archive unless one newer than the application's jar exists; returns how long making it took. */
    static Duration ensure(Path archive, Path quarkusApp, Path log) throws IOException, InterruptedException {
        Path jar = quarkusApp.resolve("quarkus-run.jar").toAbsolutePath();
        if (Files.isRegularFile(archive)
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
            return Duration.ZERO;
        }
        Files.deleteIfExists(archive);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath(), "-Dquarkus.appcds.generate=true",
                "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("making " + archive + " took over 10 min; see " + log);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(archive)) {
            throw new IOException("making " + archive + " failed (exit " + p.exitValue() + "); see " + log);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
