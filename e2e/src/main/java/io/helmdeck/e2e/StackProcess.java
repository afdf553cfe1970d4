package io.helmdeck.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.helmdeck.local.PlatformService;

/**
 * One service as its own JVM ({@code java [options] -jar quarkus-app/quarkus-run.jar}), configured only through
 * environment variables as in a container. Remembers when it was started, so the time from process start to the first
 * 200 of {@code /q/health/ready} can be reported.
 */
public final class StackProcess {

    /** How often readiness is polled: fine enough to time a start of about a second. */
    private static final Duration READY_POLL = Duration.ofMillis(20);

    private final PlatformService service;
    private final Process process;
    private final int port;
    private final Path log;
    private final long startedNanos;
    private Duration startToReady;
    private Duration cpuToReady;
    private String cpuByThreadAtReady = "";

    private StackProcess(PlatformService service, Process process, int port, Path log, long startedNanos) {
        this.service = service;
        this.process = process;
        this.port = port;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    static StackProcess start(PlatformService service, Path quarkusApp, int port, Map<String, String> env,
            List<String> jvmOptions, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(quarkusApp.resolve("quarkus-run.jar").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        return new StackProcess(service, builder.start(), port, log, started);
    }

    /**
     * Starts a Quarkus application that is not one of the platform's services (a benchmark's reference application,
     * e.g. bare Quarkus), the way the services are started and to be timed the same way; {@link #service()} is null.
     */
    public static StackProcess startApplication(Path quarkusApp, int port, List<String> jvmOptions, Path log)
            throws IOException {
        return start(null, quarkusApp, port, Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_HTTP_HOST", "127.0.0.1"), jvmOptions, log);
    }

    /** Waits for {@code /q/health/ready} to answer 200 and records how long after the start that was. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        StackUnderTest.awaitHttp(process, uri("/q/health/ready"), timeout, status -> status == 200, log, READY_POLL);
        startToReady = Duration.ofNanos(System.nanoTime() - startedNanos);
        cpuToReady = cpuTime(process.pid());
        cpuByThreadAtReady = cpuByThread(process.pid());
    }

    /** CPU ms per thread name (numbers folded, e.g. "C1 CompilerThre#"), largest first, from /proc/PID/task. */
    static String cpuByThread(long pid) {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        try (var tasks = java.nio.file.Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS_PER_SECOND,
                            Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return byName.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue() + " ms")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * User plus system CPU time of a process so far (all its threads), from /proc/PID/stat; null where there is no
     * /proc. Wall time to ready grows with the machine's load, the CPU a start burns much less: both are reported.
     */
    public static Duration cpuTime(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** USER_HZ: 100 on every Linux architecture Java runs on (the kernel reports /proc times in it). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    public PlatformService service() {
        return service;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** From {@code ProcessBuilder.start()} to the first ready answer. */
    public Duration startToReady() {
        return startToReady;
    }

    /** CPU time (user + system) the process had used when it was first seen ready; null without /proc. */
    public Duration cpuToReady() {
        return cpuToReady;
    }

    /** Where {@link #cpuToReady()} went: CPU ms per thread name when ready was first seen (threads ended by then
     *  are not counted). */
    public String cpuByThreadAtReady() {
        return cpuByThreadAtReady;
    }

    public Path log() {
        return log;
    }

    public void stop() {
        stop(process);
    }

    /** SIGTERM, and SIGKILL after 20 s. */
    static void stop(Process process) {
        io.helmdeck.local.ServiceProcess.terminate(process);
    }
}
