package io.helmdeck.bench.footprint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.e2e.StackProcess;
import io.helmdeck.e2e.StackUnderTest;
import io.helmdeck.local.PlatformService;

/**
 * Memory and start-up benchmark (issue 13, item 6): the three services started as separate processes with the
 * chart's JVM settings ({@link ChartJvmSettings}), each timed from process start to ready; then N repositories
 * syncing at a fixed interval and M releases deployed into the sandbox cluster, and the RSS of each service sampled
 * through a steady window. Writes a markdown table (and release-service's class histogram) under target/results.
 * Every wait is bounded. Usage: see run.sh.
 */
public final class FootprintBench {

    static final String TENANT = "bench";
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    int repositories = 1000;
    int releases = 100;
    String interval = "01:00";
    int steadySeconds = 120;
    int sampleSeconds = 5;
    int readyTimeoutSeconds = 900;
    int creators = 8;
    boolean nativeMemoryTracking;
    String label = "";
    /** Extra JVM options and environment per service, after the chart's (to try a cut: the last flag wins). */
    final Map<PlatformService, List<String>> extraJvm = new EnumMap<>(PlatformService.class);
    final Map<PlatformService, Map<String, String>> extraEnv = new EnumMap<>(PlatformService.class);
    /** Chart options left out, by prefix (to measure what one chart flag buys: with and without it). */
    final List<String> dropOptions = new ArrayList<>();

    final Path projectRoot;
    final Path target;
    Path resultFile;
    Path runDir;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    String token;

    FootprintBench(Path projectRoot, Path target) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.target = target.toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        FootprintBench bench = new FootprintBench(Path.of(System.getProperty("bench.root", "../..")),
                Path.of(System.getProperty("bench.target", "target")));
        bench.parse(args);
        System.exit(bench.run());
    }

    void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repositories" -> repositories = Integer.parseInt(args[++i]);
                case "--releases" -> releases = Integer.parseInt(args[++i]);
                case "--interval" -> interval = args[++i];
                case "--steady-seconds" -> steadySeconds = Integer.parseInt(args[++i]);
                case "--sample-seconds" -> sampleSeconds = Integer.parseInt(args[++i]);
                case "--ready-timeout" -> readyTimeoutSeconds = Integer.parseInt(args[++i]);
                case "--nmt" -> nativeMemoryTracking = true;
                case "--label" -> label = args[++i];
                case "--jvm-option" -> {
                    String[] kv = args[++i].split("=", 2); // service=OPTION, e.g. repo-service=-XX:TieredStopAtLevel=1
                    extraJvm.computeIfAbsent(service(kv[0]), s -> new ArrayList<>()).add(kv[1]);
                }
                case "--drop-option" -> dropOptions.add(args[++i]); // e.g. -XX:TieredStopAtLevel (every service)
                case "--env" -> {
                    String[] kv = args[++i].split("=", 3); // service=NAME=VALUE
                    extraEnv.computeIfAbsent(service(kv[0]), s -> new java.util.LinkedHashMap<>()).put(kv[1], kv[2]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (releases > repositories) {
            throw new IllegalArgumentException("each release needs its own repository: --releases <= --repositories");
        }
    }

    static PlatformService service(String moduleName) {
        return StackUnderTest.SERVICES.stream().filter(s -> s.moduleName().equals(moduleName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + moduleName));
    }

    int run() throws Exception {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        runDir = Files.createDirectories(target.resolve("runs").resolve(stamp));
        resultFile = Files.createDirectories(target.resolve("results")).resolve("footprint-" + stamp + ".md");
        Path values = projectRoot.resolve("deploy/helm/helmdeck/values.yaml");
        Map<PlatformService, ChartJvmSettings> chart = new EnumMap<>(PlatformService.class);
        Map<PlatformService, List<String>> jvm = new EnumMap<>(PlatformService.class);
        for (PlatformService service : StackUnderTest.SERVICES) {
            ChartJvmSettings settings = ChartJvmSettings.read(values, service);
            chart.put(service, settings);
            Map<String, String> environment = new java.util.LinkedHashMap<>(settings.environment());
            environment.putAll(extraEnv.getOrDefault(service, Map.of())); // --env after the chart's, as with options
            extraEnv.put(service, environment);
            List<String> options = new ArrayList<>(settings.options());
            options.removeIf(o -> dropOptions.stream().anyMatch(o::startsWith));
            options.addAll(extraJvm.getOrDefault(service, List.of()));
            if (nativeMemoryTracking) {
                options.add("-XX:NativeMemoryTracking=summary");
            }
            if (options.contains(ClassArchiveTrainer.IMAGE_ARCHIVE_OPTION)) {
                log("training %s's class archive as its image does", service.moduleName());
            }
            jvm.put(service, ClassArchiveTrainer.trainIfMapped(
                    projectRoot.resolve(service.moduleName()).resolve("target/quarkus-app"), options,
                    runDir.resolve("class-archives").resolve(service.moduleName() + ".jsa"),
                    runDir.resolve("class-archive-training-" + service.moduleName() + ".log")));
        }
        // Before the stack, so that these starts, like each service's, have the machine to themselves but for the
        // harness; with sync-worker's flags, the lightest service's.
        FrameworkFloor floor = new FrameworkFloor(projectRoot.resolve("bench/startup-floor/target/quarkus-app"));
        List<FrameworkFloor.Start> floorStarts = List.of();
        if (floor.built()) {
            log("starting bare Quarkus %d times with sync-worker's flags (the framework's own start-up)",
                    FrameworkFloor.STARTS);
            floorStarts = floor.measure(ClassArchiveTrainer.withoutArchive(jvm.get(PlatformService.SYNC_WORKER)),
                    runDir);
        } else {
            log("bench/startup-floor is not built: no framework floor in this run");
        }
        String loadBefore = loadavg();
        log("starting the stack with the chart's JVM settings (load %s)", loadBefore);
        try (StackUnderTest stack = StackUnderTest.start(StackUnderTest.Options.of(projectRoot, runDir.resolve("stack"))
                .withJvmOptions(jvm).withEnvironment(extraEnv))) {
            token = stack.adminToken();
            String loadAtStart = loadavg();
            stack.charts().push("bench", "1.0.0", "1.0.0");
            String url = stack.charts().url("bench");
            URI repoApi = stack.url(PlatformService.REPO_SERVICE).resolve("/api/v1/tenants/" + TENANT + "/oci-repositories");
            URI releaseApi = stack.url(PlatformService.RELEASE_SERVICE).resolve("/api/v1/tenants/" + TENANT + "/helm-releases");

            long t0 = System.nanoTime();
            createAll(repoApi, repositories, i -> """
                    {"name":"r-%d","url":"%s","ref":{"tag":"1.0.0"},"interval":"%s","insecure":true}"""
                    .formatted(i, url, interval));
            awaitCount(repoApi, "Ready", repositories, stack);
            double reposReady = (System.nanoTime() - t0) / 1e9;
            log("%d repositories Ready after %.1f s", repositories, reposReady);
            long t1 = System.nanoTime();
            createAll(releaseApi, releases, i -> """
                    {"name":"r-%d","sourceType":"OCIRepository","sourceName":"r-%d","targetNamespace":"%s",\
                    "install":{"createNamespace":true}}""".formatted(i, i, TENANT));
            awaitCount(releaseApi, "Deployed", releases, stack);
            double releasesDeployed = (System.nanoTime() - t1) / 1e9;
            log("%d releases Deployed after %.1f s", releases, releasesDeployed);

            double syncsBefore = syncs(stack);
            Map<PlatformService, Duration> cpuBefore = new EnumMap<>(PlatformService.class);
            for (PlatformService service : StackUnderTest.SERVICES) {
                cpuBefore.put(service, StackProcess.cpuTime(stack.process(service).pid()));
            }
            Map<PlatformService, double[]> rss = new EnumMap<>(PlatformService.class); // {max, last}
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(steadySeconds);
            log("steady window of %d s, RSS sampled every %d s", steadySeconds, sampleSeconds);
            do {
                for (PlatformService service : StackUnderTest.SERVICES) {
                    StackProcess p = stack.process(service);
                    if (!p.isAlive()) {
                        throw new IllegalStateException(service.moduleName() + " exited; see " + p.log());
                    }
                    double now = statusMiB(p.pid(), "VmRSS");
                    double[] r = rss.computeIfAbsent(service, s -> new double[] {0, 0});
                    r[0] = Math.max(r[0], now);
                    r[1] = now;
                }
                Thread.sleep(TimeUnit.SECONDS.toMillis(sampleSeconds));
            } while (System.nanoTime() < end);
            double syncsInWindow = syncs(stack) - syncsBefore;
            Map<PlatformService, Double> cpuInWindow = new EnumMap<>(PlatformService.class); // seconds
            for (PlatformService service : StackUnderTest.SERVICES) {
                Duration after = StackProcess.cpuTime(stack.process(service).pid());
                cpuInWindow.put(service, after == null || cpuBefore.get(service) == null ? Double.NaN
                        : after.minus(cpuBefore.get(service)).toMillis() / 1000.0);
            }
            String loadAfter = loadavg();
            for (PlatformService service : StackUnderTest.SERVICES) {
                long pid = stack.process(service).pid();
                Files.writeString(runDir.resolve(service.moduleName() + "-class-histogram.txt"),
                        jcmd(pid, "GC.class_histogram"));
                if (nativeMemoryTracking) {
                    Files.writeString(runDir.resolve(service.moduleName() + "-nmt.txt"),
                            jcmd(pid, "VM.native_memory", "summary"));
                }
            }

            StringBuilder table = new StringBuilder();
            table.append(String.format(Locale.ROOT, "### %d repositories (interval %s), %d releases%s%n%n", repositories,
                    interval, releases, label.isEmpty() ? "" : " — " + label));
            table.append(String.format(Locale.ROOT, "%s; load average (1/5/15 min) before %s, at ready %s, after the"
                    + " window %s; %d cores; JDK %s%s%n%n", STAMP.format(Instant.now()), loadBefore, loadAtStart,
                    loadAfter, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    nativeMemoryTracking ? "; NMT on (adds its own overhead)" : ""));
            table.append("| service | chart limit | start → ready | CPU to ready | RSS max in window | RSS at end"
                    + " | peak RSS (VmHWM) | CPU in window | CPU per sync |\n");
            table.append("|---|---|---|---|---|---|---|---|---|\n");
            for (PlatformService service : StackUnderTest.SERVICES) {
                StackProcess p = stack.process(service);
                double[] r = rss.get(service);
                table.append(String.format(Locale.ROOT, "| %s | %d MiB, %d CPU | %.2f s | %s | %.0f MiB | %.0f MiB | %.0f MiB | %.1f s | %.2f ms |%n",
                        service.moduleName(), chart.get(service).memoryLimitMiB(), chart.get(service).cpuLimit(),
                        p.startToReady().toMillis() / 1000.0, p.cpuToReady() == null ? "?"
                                : String.format(Locale.ROOT, "%.2f s", p.cpuToReady().toMillis() / 1000.0),
                        r[0], r[1], statusMiB(p.pid(), "VmHWM"), cpuInWindow.get(service),
                        syncsInWindow > 0 ? cpuInWindow.get(service) * 1000 / syncsInWindow : Double.NaN));
            }
            if (!floorStarts.isEmpty()) {
                table.append(String.format(Locale.ROOT, "| *bare Quarkus* (REST + health, nothing of ours;"
                                + " sync-worker's flags; %d starts) | — | %s | %s | | | | | |%n", floorStarts.size(),
                        FrameworkFloor.seconds(floorStarts, false), FrameworkFloor.seconds(floorStarts, true)));
            }
            table.append(String.format(Locale.ROOT, "%n| load | value |%n|---|---|%n"
                            + "| repositories created and all Ready | %.1f s |%n"
                            + "| releases created and all Deployed | %.1f s |%n"
                            + "| syncs finished in the window (sync-worker) | %.0f (%.1f/s) |%n",
                    reposReady, releasesDeployed, syncsInWindow, syncsInWindow / steadySeconds));
            table.append("\nCPU to ready by thread (ms; threads that had ended by then are missing):\n\n");
            for (PlatformService service : StackUnderTest.SERVICES) {
                table.append("- ").append(service.moduleName()).append(": ")
                        .append(stack.process(service).cpuByThreadAtReady()).append("\n");
            }
            table.append("\nJVM options per service (from ").append(projectRoot.relativize(values)).append("):\n\n");
            for (PlatformService service : StackUnderTest.SERVICES) {
                table.append("- ").append(service.moduleName()).append(": `")
                        .append(String.join(" ", jvm.get(service))).append("`")
                        .append(extraEnv.get(service).isEmpty() ? "" : ", environment " + extraEnv.get(service))
                        .append("\n");
            }
            Files.writeString(resultFile, table.toString());
            System.out.println();
            System.out.println(table);
            log("results in %s; logs and class histograms in %s", resultFile, runDir);
            return 0;
        } catch (Exception e) {
            log("run failed: %s (logs in %s)", e, runDir);
            e.printStackTrace();
            return 1;
        }
    }

    /**
     * POSTs {@code count} bodies with {@link #creators} clients; any answer but 201 fails the run. Each request may
     * take up to 2 min: on the shared machine (load 30+) a release create once took longer than 30 s.
     */
    void createAll(URI api, int count, IntFunction<String> body) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < creators; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        HttpResponse<String> r = http.send(authorized(api).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.apply(i))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("POST " + api + " answered " + r.statusCode() + ": " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(readyTimeoutSeconds, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until the list API counts {@code count} items in {@code phase}; fails when a service exits. */
    void awaitCount(URI api, String phase, int count, StackUnderTest stack) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(readyTimeoutSeconds);
        long lastLog = 0;
        while (System.nanoTime() < end) {
            for (PlatformService service : StackUnderTest.SERVICES) {
                if (!stack.process(service).isAlive()) {
                    throw new IllegalStateException(service.moduleName() + " exited; see " + stack.process(service).log());
                }
            }
            int seen = countInPhase(api, phase);
            if (seen >= count) {
                return;
            }
            if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(15)) {
                log("%d of %d %s", seen, count, phase);
                lastLog = System.nanoTime();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("not all " + count + " " + phase + " within " + readyTimeoutSeconds + " s");
    }

    int countInPhase(URI api, String phase) throws Exception {
        int total = 0;
        String cursor = null;
        do {
            URI page = URI.create(api + "?limit=500&status=" + phase + (cursor == null ? "" : "&cursor=" + cursor));
            HttpResponse<String> r = http.send(authorized(page).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + page + " answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode list = JSON.readTree(r.body());
            total += list.path("items").size();
            cursor = list.path("nextCursor").isTextual() ? list.path("nextCursor").asText() : null;
        } while (cursor != null);
        return total;
    }

    HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token);
    }

    /** Finished syncs so far, from sync-worker's {@code helmdeck_syncs_total}. */
    double syncs(StackUnderTest stack) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(stack.process(PlatformService.SYNC_WORKER).uri("/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("helmdeck_syncs_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    static String jcmd(long pid, String... command) {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        args.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "jcmd failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A line of /proc/PID/status such as VmRSS or VmHWM, in MiB; NaN when the process is gone. */
    static double statusMiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).strip().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return Double.NaN;
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] %s%n", STAMP.format(Instant.now()), String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
