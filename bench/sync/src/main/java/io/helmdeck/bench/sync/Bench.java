package io.helmdeck.bench.sync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.local.DatabaseServer;
import io.helmdeck.local.PlatformService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Sync benchmark: one real registry holding one chart, an embedded PostgreSQL, repo-service and ONE sync-worker
 * (by default the built quarkus-app directories copied under target/services), wired as the local run wires them
 * ({@link BenchWiring}), N repositories created through the public API. Measures time to all Ready, steady-state
 * sync rate, registry requests per repository and interval, peak RSS, lease lag, and the registry's raw HEAD rate
 * as the reference. Every wait is bounded; the program ends by itself. Usage: see run.sh.
 */
public final class Bench {

    static final String TENANT = "bench";
    static final String REPO_DATABASE = PlatformService.REPO_SERVICE.databaseName();
    static final int INTERVAL_SECONDS = 10; // "00:10", the shortest interval the API allows
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    // options
    final List<Integer> sizes = new ArrayList<>();
    final Map<String, String> workerEnv = new LinkedHashMap<>();
    int steadySeconds = 60;
    int warmupSeconds = 15;
    int readyTimeoutSeconds = 600;
    int headSeconds = 10;
    int creators = 8;
    /**
     * Create one repository through the API, wait until it is Ready, and copy its rows N − 1 times in SQL: the steady
     * state is the same (every row as a sync of the product left it), without waiting for N creates and N first
     * syncs on a loaded machine. Off by default.
     */
    boolean seedCopies;
    List<Integer> headConcurrency = new ArrayList<>();
    String label = "";
    /** JVM options of the measured services; none by default (the JVM's own ergonomics, as measured so far). */
    final List<String> serviceJvmOptions = new ArrayList<>();

    final Path target;
    final Path repoServiceApp;
    final Path syncWorkerApp;
    /** The markdown file this invocation appends its result tables to, once {@link #run()} has started. */
    Path resultFile;
    /** The folder of the last run's logs and metrics scrapes. */
    Path lastRunDir;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final StringBuilder report = new StringBuilder();
    /** The admin user token of the run being measured (the public API requires one, ADR 0013). */
    volatile String adminToken;

    /** A bench writing under {@code target}, running the quarkus-app directories {@code repoServiceApp}, {@code syncWorkerApp}. */
    Bench(Path target, Path repoServiceApp, Path syncWorkerApp) {
        this.target = target.toAbsolutePath();
        this.repoServiceApp = repoServiceApp.toAbsolutePath().normalize();
        this.syncWorkerApp = syncWorkerApp.toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(System.getProperty("bench.target", "target"));
        Bench bench = new Bench(target, target.resolve("services/repo-service"), target.resolve("services/sync-worker"));
        bench.parse(args);
        int code = bench.run();
        System.exit(code);
    }

    void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--max-per-registry" -> workerEnv.put("HELMDECK_SYNC_MAX_PER_REGISTRY", args[++i]);
                case "--max-concurrent" -> workerEnv.put("HELMDECK_SYNC_MAX_CONCURRENT", args[++i]);
                case "--max-waiting-per-registry" ->
                        workerEnv.put("HELMDECK_SYNC_MAX_WAITING_PER_REGISTRY", args[++i]);
                case "--poll-interval" -> workerEnv.put("HELMDECK_SYNC_POLL_INTERVAL", args[++i]);
                case "--steady-seconds" -> steadySeconds = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--ready-timeout" -> readyTimeoutSeconds = Integer.parseInt(args[++i]);
                case "--head-seconds" -> headSeconds = Integer.parseInt(args[++i]);
                case "--head-concurrency" -> {
                    for (String c : args[++i].split(",")) {
                        headConcurrency.add(Integer.parseInt(c.strip()));
                    }
                }
                case "--creators" -> creators = Integer.parseInt(args[++i]);
                case "--seed-copies" -> seedCopies = true;
                case "--label" -> label = args[++i];
                case "--service-jvm-option" -> serviceJvmOptions.add(args[++i]);
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    sizes.add(Integer.parseInt(a));
                }
            }
        }
        if (sizes.isEmpty()) {
            sizes.addAll(List.of(100, 1000));
        }
        for (int n : sizes) {
            if (n < 1 || n > 100_000) {
                throw new IllegalArgumentException("N must be 1..100000");
            }
        }
    }

    int maxPerRegistry() {
        return Integer.parseInt(workerEnv.getOrDefault("HELMDECK_SYNC_MAX_PER_REGISTRY", "4"));
    }

    int maxConcurrent() {
        return Integer.parseInt(workerEnv.getOrDefault("HELMDECK_SYNC_MAX_CONCURRENT", "32"));
    }

    String pollInterval() {
        return workerEnv.getOrDefault("HELMDECK_SYNC_POLL_INTERVAL", "1s");
    }

    int run() throws Exception {
        for (Path app : List.of(repoServiceApp, syncWorkerApp)) {
            if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
                System.err.println("missing " + app + "/quarkus-run.jar: run ./run.sh, which copies the built services");
                return 2;
            }
        }
        Path results = Files.createDirectories(target.resolve("results"));
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path out = results.resolve("sync-" + stamp + ".md");
        resultFile = out;
        int failures = 0;
        try (BenchRegistry registry = BenchRegistry.start(target.resolve("registry-" + stamp))) {
            registry.pushChart(target.resolve("chart-" + stamp), "bench", "1.0.0");
            String digest = headDigest(registry);
            log("registry on %s holds charts/bench:1.0.0 = %s", registry.address(), digest);
            for (int n : sizes) {
                try {
                    String table = runOne(registry, n, stamp);
                    System.out.println();
                    System.out.println(table);
                    Files.writeString(out, table + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (Exception e) {
                    failures++;
                    log("run N=%d failed: %s", n, e);
                    e.printStackTrace();
                }
            }
        }
        log("results written to %s", out);
        return failures == 0 ? 0 : 1;
    }

    String headDigest(BenchRegistry registry) throws Exception {
        HttpResponse<Void> r = http.send(headRequest(registry), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HEAD of the pushed chart answered " + r.statusCode());
        }
        return r.headers().firstValue("Docker-Content-Digest").orElse("?");
    }

    HttpRequest headRequest(BenchRegistry registry) {
        return HttpRequest.newBuilder(URI.create("http://" + registry.address() + "/v2/charts/bench/manifests/1.0.0"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", BenchRegistry.MANIFEST_TYPE)
                .timeout(Duration.ofSeconds(10)).build();
    }

    /** One run on a fresh database, repo-service and worker; returns its markdown table. */
    String runOne(BenchRegistry registry, int n, String stamp) throws Exception {
        Path runDir = Files.createDirectories(target.resolve("runs").resolve(stamp + "-n" + n));
        lastRunDir = runDir;
        String loadBefore = ProcStats.loadavg();
        Instant started = Instant.now();
        log("N=%d: starting PostgreSQL, repo-service and one sync-worker (load %s)", n, loadBefore);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(BenchRegistry.freePort())
                .setDataDirectory(runDir.resolve("pg"))
                .setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(Files.createDirectories(target.resolve("pg-work")).toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        Services.Service repo = null;
        Services.Service worker = null;
        Map<String, String> rows = new LinkedHashMap<>();
        try {
            int pgPort = pg.getPort();
            try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + REPO_DATABASE);
            }
            int repoPort = BenchRegistry.freePort();
            int workerPort = BenchRegistry.freePort();
            // Credentials and settings exactly as the local run makes them, fresh for this run, kept in its folder.
            BenchWiring wiring = BenchWiring.create(runDir.resolve("state"),
                    new DatabaseServer("localhost", pgPort, "postgres", "postgres"), repoPort, workerPort);
            adminToken = wiring.adminToken();
            repo = Services.start("repo-service", repoServiceApp, repoPort, wiring.repoService(), serviceJvmOptions,
                    runDir.resolve("repo-service.log"));
            Services.awaitReady(http, repo, Duration.ofSeconds(120));
            worker = Services.start("sync-worker", syncWorkerApp, workerPort, wiring.syncWorker(workerEnv),
                    serviceJvmOptions, runDir.resolve("sync-worker.log"));
            Services.awaitReady(http, worker, Duration.ofSeconds(120));
            long postmaster = postmasterPid(runDir.resolve("pg"));
            log("N=%d: ready (repo-service pid %d :%d, sync-worker pid %d :%d, postgres pid %d :%d)", n, repo.pid(),
                    repoPort, worker.pid(), workerPort, postmaster, pgPort);

            // (a) create N through the public API, then wait for all Ready
            String url = "oci://" + registry.address() + "/charts/bench";
            long t0 = System.nanoTime();
            int createErrors = seedCopies ? seedCopies(repo, url, n, pgPort) : createAll(repo, url, n);
            double createSeconds = secondsSince(t0);
            log("N=%d: created in %.1f s (%d errors)", n, createSeconds, createErrors);
            double t50 = Double.NaN;
            double t90 = Double.NaN;
            double t100 = Double.NaN;
            long ready = 0;
            long failed = 0;
            String jdbc = "jdbc:postgresql://localhost:" + pgPort + "/" + REPO_DATABASE;
            try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
                long deadline = t0 + TimeUnit.SECONDS.toNanos(readyTimeoutSeconds);
                long lastLog = 0;
                long lastProgress = System.nanoTime();
                long lastReady = -1;
                while (System.nanoTime() < deadline) {
                    if (!worker.process().isAlive() || !repo.process().isAlive()) {
                        throw new IllegalStateException("a service exited; see " + runDir);
                    }
                    long[] counts = phaseCounts(db);
                    ready = counts[0];
                    failed = counts[1];
                    double t = secondsSince(t0);
                    if (Double.isNaN(t50) && ready * 2 >= n) {
                        t50 = t;
                    }
                    if (Double.isNaN(t90) && ready * 10 >= 9L * n) {
                        t90 = t;
                    }
                    if (ready >= n) {
                        t100 = t;
                        break;
                    }
                    if (ready != lastReady) {
                        lastReady = ready;
                        lastProgress = System.nanoTime();
                    } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(120)) {
                        throw new IllegalStateException("no repository became Ready for 120 s (" + ready + " Ready, "
                                + failed + " Failed); see the logs in " + runDir);
                    }
                    if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(15)) {
                        log("N=%d: %.0f s: %d Ready, %d Failed", n, t, ready, failed);
                        lastLog = System.nanoTime();
                    }
                    Thread.sleep(200);
                }
            }
            int readyByApi = countReadyByApi(repo);
            log("N=%d: all Ready after %.1f s (API lists %d Ready)", n, t100, readyByApi);

            // (b)-(e) steady state: nothing changes in the registry
            Thread.sleep(warmupSeconds * 1000L);
            Snapshot s1 = snapshot(repo, worker, registry, postmaster);
            log("N=%d: sampling the steady state for %d s", n, steadySeconds);
            Thread.sleep(steadySeconds * 1000L);
            Snapshot s2 = snapshot(repo, worker, registry, postmaster);
            double dt = (s2.nanos - s1.nanos) / 1e9;
            double workerHwm = ProcStats.statusMiB(worker.pid(), "VmHWM");
            double repoHwm = ProcStats.statusMiB(repo.pid(), "VmHWM");
            double workerRss = ProcStats.statusMiB(worker.pid(), "VmRSS");
            double repoRss = ProcStats.statusMiB(repo.pid(), "VmRSS");
            Files.writeString(runDir.resolve("worker-metrics-end.txt"), s2.workerText);
            Files.writeString(runDir.resolve("repo-service-metrics-end.txt"), s2.repoText);

            double unchanged = delta(s1, s2, true, "helmdeck_syncs_total", Prometheus.label("outcome", "Unchanged"));
            double allSyncs = delta(s1, s2, true, "helmdeck_syncs_total", l -> true);
            double failedSyncs = delta(s1, s2, true, "helmdeck_syncs_total", Prometheus.label("outcome", "Failed"));
            double heads = delta(s1, s2, true, "helmdeck_registry_requests_total", Prometheus.label("method", "HEAD"));
            double gets = delta(s1, s2, true, "helmdeck_registry_requests_total", Prometheus.label("method", "GET"));
            double allRequests = delta(s1, s2, true, "helmdeck_registry_requests_total", l -> true);
            double durSum = delta(s1, s2, true, "helmdeck_sync_duration_seconds_sum", Prometheus.label("outcome", "Unchanged"));
            double durCount = delta(s1, s2, true, "helmdeck_sync_duration_seconds_count", Prometheus.label("outcome", "Unchanged"));
            double claims = delta(s1, s2, false, "http_server_requests_seconds_count", l -> l.getOrDefault("uri", "").contains("claims"));
            double exchanges = delta(s1, s2, false, "http_server_requests_seconds_count",
                    l -> l.getOrDefault("uri", "").contains("exchanges"));
            // contains, not endsWith: the uri template's "{repositoryId}" braces end the parsed label early.
            double reports = delta(s1, s2, false, "http_server_requests_seconds_count",
                    l -> l.getOrDefault("uri", "").contains("/report"));
            double releases = delta(s1, s2, false, "http_server_requests_seconds_count",
                    l -> l.getOrDefault("uri", "").contains("/release"));
            double lagSum = delta(s1, s2, false, "helmdeck_lease_lag_seconds_sum", l -> true);
            double lagCount = delta(s1, s2, false, "helmdeck_lease_lag_seconds_count", l -> true);
            Prometheus repoEnd = Prometheus.parse(s2.repoText);
            Prometheus repoStart = Prometheus.parse(s1.repoText);
            // A histogram since issue 13 item 5: quantiles of the window from its bucket deltas.
            double lag50 = repoEnd.histogramQuantile(repoStart, "helmdeck_lease_lag_seconds", 0.5);
            double lag95 = repoEnd.histogramQuantile(repoStart, "helmdeck_lease_lag_seconds", 0.95);
            double lag99 = repoEnd.histogramQuantile(repoStart, "helmdeck_lease_lag_seconds", 0.99);
            double lagMax = repoEnd.sum("helmdeck_lease_lag_seconds_max");
            double intervals = dt / INTERVAL_SECONDS;
            double needed = (double) n / INTERVAL_SECONDS;
            double syncRate = unchanged / dt;

            // (f) reference: the registry's raw HEAD rate; the worker is stopped first so it does not compete
            Services.stop(worker.process());
            List<Integer> levels = new ArrayList<>(headConcurrency);
            if (levels.isEmpty()) {
                levels.add(maxPerRegistry());
                levels.add(Math.min(n, 32));
                levels.add(Math.min(n, 128));
            }
            levels = levels.stream().distinct().sorted().toList();
            Map<Integer, double[]> raw = new LinkedHashMap<>();
            for (int c : levels) {
                raw.put(c, rawHeadRate(registry, c, headSeconds));
                log("N=%d: raw HEAD at concurrency %d: %.0f/s (p50 %.1f ms)", n, c, raw.get(c)[0], raw.get(c)[1]);
            }
            double rawAtCap = raw.get(Math.min(maxPerRegistry(), levels.get(levels.size() - 1))) == null ? Double.NaN
                    : raw.get(Math.min(maxPerRegistry(), levels.get(levels.size() - 1)))[0];
            double rawBest = raw.values().stream().mapToDouble(v -> v[0]).max().orElse(Double.NaN);
            String loadAfter = ProcStats.loadavg();

            StringBuilder t = new StringBuilder();
            t.append("### N = ").append(n).append(label.isEmpty() ? "" : " — " + label).append('\n').append('\n');
            t.append(String.format(Locale.ROOT,
                    "%s → %s; load average (1/5/15 min) before %s, after %s. Worker: max-per-registry %d, max-waiting-per-registry %s, max-concurrent %d, poll-interval %s%s. Interval 00:10.%n%n",
                    STAMP.format(started), STAMP.format(Instant.now()), loadBefore, loadAfter, maxPerRegistry(),
                    workerEnv.getOrDefault("HELMDECK_SYNC_MAX_WAITING_PER_REGISTRY", "16"), maxConcurrent(),
                    pollInterval(), workerEnv.isEmpty() ? " (all defaults)" : ""));
            t.append("| figure | value |\n|---|---|\n");
            row(t, seedCopies ? "create N repositories (1 through the API, synced, then copied N − 1 times in SQL)"
                    : "create N repositories (API, " + creators + " clients)", "%.1f s (%d errors)", createSeconds,
                    createErrors);
            row(t, "(a) first create → 50 % / 90 % / all Ready", "%s / %s / %s", secs(t50), secs(t90), secs(t100));
            row(t, "Ready at the end (DB / list API) , Failed", "%d / %d, %d", ready, readyByApi, failed);
            row(t, "(b) steady-state Unchanged syncs/s (" + Math.round(dt) + " s window)", "%.1f", syncRate);
            row(t, "needed for every repository each interval (N / 10 s)", "%.1f /s → %.0f %% of it done", needed,
                    100 * syncRate / needed);
            row(t, "other outcomes in the window (Updated, Failed)", "%.0f, %.0f", allSyncs - unchanged - failedSyncs, failedSyncs);
            row(t, "mean Unchanged sync duration (worker)", "%.1f ms", durCount == 0 ? Double.NaN : 1000 * durSum / durCount);
            row(t, "(c) registry requests per repository per interval: HEAD / GET / all",
                    "%.3f / %.3f / %.3f", heads / n / intervals, gets / n / intervals, allRequests / n / intervals);
            row(t, "(c') registry requests per sync: HEAD / GET", "%.3f / %.3f", unchanged == 0 ? Double.NaN : heads / allSyncs,
                    unchanged == 0 ? Double.NaN : gets / allSyncs);
            row(t, "claim calls/s (repo-service)", "%.2f", claims / dt);
            row(t, "exchange calls/s (ADR 0025) / single report calls/s / lease release calls/s (repo-service)",
                    "%.2f / %.2f / %.2f", exchanges / dt, reports / dt, releases / dt);
            row(t, "repo-service calls per sync (claims + exchanges + reports + releases)", "%.3f",
                    allSyncs == 0 ? Double.NaN : (claims + exchanges + reports + releases) / allSyncs);
            row(t, "(d) peak RSS (VmHWM) worker / repo-service", "%.0f / %.0f MiB (now %.0f / %.0f)", workerHwm, repoHwm,
                    workerRss, repoRss);
            row(t, "(e) lease lag p50 / p95 / p99 (window, from buckets) / max (last ~2 min)", "%s / %s / %s / %s", secs(lag50), secs(lag95),
                    secs(lag99), secs(lagMax));
            row(t, "(e) lease lag mean in the window", "%s", lagCount == 0 ? "–" : secs(lagSum / lagCount));
            row(t, "CPU in the window, cores: worker / repo-service / PostgreSQL / registry / whole machine",
                    "%.2f / %.2f / %.2f / %.2f / %.2f of 2", (s2.cpuWorker - s1.cpuWorker) / dt, (s2.cpuRepo - s1.cpuRepo) / dt,
                    (s2.cpuPg - s1.cpuPg) / dt, (s2.cpuRegistry - s1.cpuRegistry) / dt,
                    2.0 * (s2.machine[0] - s1.machine[0]) / Math.max(1, s2.machine[1] - s1.machine[1]));
            row(t, "CPU per sync, ms: worker / repo-service / PostgreSQL / registry", "%.2f / %.2f / %.2f / %.2f",
                    perSync(s2.cpuWorker - s1.cpuWorker, allSyncs), perSync(s2.cpuRepo - s1.cpuRepo, allSyncs),
                    perSync(s2.cpuPg - s1.cpuPg, allSyncs), perSync(s2.cpuRegistry - s1.cpuRegistry, allSyncs));
            StringBuilder rawText = new StringBuilder();
            raw.forEach((c, v) -> rawText.append(rawText.length() == 0 ? "" : "; ")
                    .append(String.format(Locale.ROOT, "%d conc.: %.0f/s (p50 %.1f ms, %d errors)", c, v[0], v[1], (long) v[2])));
            row(t, "(f) registry raw HEAD rate, " + headSeconds + " s each (worker stopped)", "%s", rawText);
            row(t, "(f) worker syncs/s ÷ raw HEAD rate at its per-registry cap / at best", "%.3f / %.3f",
                    syncRate / rawAtCap, syncRate / rawBest);
            return t.toString();
        } finally {
            if (worker != null) {
                Services.stop(worker.process());
            }
            if (repo != null) {
                Services.stop(repo.process());
            }
            pg.close();
        }
    }

    static void row(StringBuilder t, String figure, String format, Object... args) {
        // A figure with nothing to divide by (no sync in a very short window) reads "–", not "NaN".
        String value = String.format(Locale.ROOT, format, args).replace("NaN", "–");
        t.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }

    /** CPU seconds spread over syncs, in milliseconds each; "–" when there was no sync. */
    static double perSync(double cpuSeconds, double syncs) {
        return syncs == 0 ? Double.NaN : 1000 * cpuSeconds / syncs;
    }

    static String secs(double s) {
        if (Double.isNaN(s)) {
            return "–";
        }
        return s < 10 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }

    static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * {@code --seed-copies}: one repository through the API, synced by the worker, then N − 1 copies of its spec and
     * status rows (new names, due at random moments over one interval, no lease), so that every row is what the
     * product wrote for a synced repository. Returns the number of errors.
     */
    int seedCopies(Services.Service repo, String url, int n, int pgPort) throws Exception {
        int errors = createAll(repo, url, 1);
        String jdbc = "jdbc:postgresql://localhost:" + pgPort + "/" + REPO_DATABASE;
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (phaseCounts(db)[0] < 1) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the template repository did not become Ready in 120 s");
                }
                Thread.sleep(200);
            }
            if (n > 1) {
                try (Statement st = db.createStatement()) {
                    st.execute(String.format(Locale.ROOT, """
                            INSERT INTO oci_repository (tenant, name, url, registry, interval_seconds, ref_tag, ref_semver,
                                   ref_semver_filter, ref_digest, layer_media_type, layer_operation, auth_type,
                                   auth_username, auth_secret, insecure, ca_certificate, timeout, suspend, description,
                                   labels, version, created_at, updated_at)
                            SELECT tenant, 'r-' || lpad(g::text, 6, '0'), url, registry, interval_seconds, ref_tag,
                                   ref_semver, ref_semver_filter, ref_digest, layer_media_type, layer_operation, auth_type,
                                   auth_username, auth_secret, insecure, ca_certificate, timeout, suspend, description,
                                   labels, version, created_at, updated_at
                              FROM oci_repository, generate_series(1, %d) g
                             WHERE name = 'r-000000'""", n - 1));
                    st.execute(String.format(Locale.ROOT, """
                            INSERT INTO oci_repository_status (repository_id, phase, conditions, artifact, artifact_digest,
                                   artifact_revision, last_sync_at, last_success_at, next_sync_at, consecutive_failures,
                                   observed_version)
                            SELECT r.id, t.phase, t.conditions, t.artifact, t.artifact_digest, t.artifact_revision,
                                   t.last_sync_at, t.last_success_at,
                                   now() + random() * interval '%d seconds', t.consecutive_failures, t.observed_version
                              FROM oci_repository r, oci_repository_status t
                              JOIN oci_repository tr ON tr.id = t.repository_id AND tr.name = 'r-000000'
                             WHERE r.name <> 'r-000000'""", INTERVAL_SECONDS));
                }
            }
        }
        return errors;
    }

    int createAll(Services.Service repo, String url, int n) throws Exception {
        URI uri = repo.uri("/api/v1/tenants/" + TENANT + "/oci-repositories");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong firstError = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        List<Future<?>> futures = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(readyTimeoutSeconds);
        for (int c = 0; c < creators; c++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n && System.nanoTime() < deadline) {
                    String body = String.format(Locale.ROOT,
                            "{\"name\":\"r-%06d\",\"url\":\"%s\",\"ref\":{\"tag\":\"1.0.0\"},\"interval\":\"00:10\",\"insecure\":true}",
                            i, url);
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + adminToken)
                            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            if (errors.getAndIncrement() == 0) {
                                log("create answered %d: %s", r.statusCode(), r.body());
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        if (errors.getAndIncrement() == 0) {
                            firstError.set(1);
                            log("create failed: %s", e);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return errors.get();
    }

    static long[] phaseCounts(Connection db) throws Exception {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE phase = 'Ready'), "
                        + "count(*) FILTER (WHERE phase = 'Failed') FROM oci_repository_status")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    int countReadyByApi(Services.Service repo) throws Exception {
        int count = 0;
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            String path = "/api/v1/tenants/" + TENANT + "/oci-repositories?status=Ready&limit=500"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(repo.uri(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + adminToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("list answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode body = JSON.readTree(r.body());
            count += body.path("items").size();
            cursor = body.path("nextCursor").isTextual() ? body.path("nextCursor").asText() : null;
            if (cursor == null) {
                break;
            }
        }
        return count;
    }

    /** Closed loop: c threads HEAD the manifest back to back for the given seconds. Returns {rate/s, p50 ms, errors}. */
    double[] rawHeadRate(BenchRegistry registry, int c, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = headRequest(registry);
        // warm the connections
        client.send(request, HttpResponse.BodyHandlers.discarding());
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long[][] samples = new long[c][];
        ExecutorService pool = Executors.newFixedThreadPool(c);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            final int id = i;
            futures.add(pool.submit(() -> {
                long[] lat = new long[200_000];
                int k = 0;
                while (System.nanoTime() < end) {
                    long a = System.nanoTime();
                    try {
                        HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200 && r.headers().firstValue("Docker-Content-Digest").isPresent()) {
                            ok.incrementAndGet();
                            if (k < lat.length) {
                                lat[k++] = System.nanoTime() - a;
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        errors.incrementAndGet();
                    }
                }
                samples[id] = java.util.Arrays.copyOf(lat, k);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(seconds + 60L, TimeUnit.SECONDS);
        }
        double elapsed = secondsSince(start);
        pool.shutdown();
        long[] all = java.util.Arrays.stream(samples).flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        double p50 = all.length == 0 ? Double.NaN : all[all.length / 2] / 1e6;
        return new double[] {ok.get() / elapsed, p50, errors.get()};
    }

    record Snapshot(long nanos, String workerText, String repoText, double cpuWorker, double cpuRepo, double cpuPg,
            double cpuRegistry, long[] machine) {
    }

    Snapshot snapshot(Services.Service repo, Services.Service worker, BenchRegistry registry, long postmaster) throws Exception {
        long nanos = System.nanoTime();
        String w = get(worker.uri("/q/metrics"));
        String r = get(repo.uri("/q/metrics"));
        return new Snapshot(nanos, w, r, ProcStats.cpuSeconds(worker.pid()), ProcStats.cpuSeconds(repo.pid()),
                ProcStats.cpuSecondsWithChildren(postmaster), ProcStats.cpuSeconds(registry.pid()), ProcStats.machineTicks());
    }

    static double delta(Snapshot a, Snapshot b, boolean worker, String name,
            java.util.function.Predicate<Map<String, String>> filter) {
        Prometheus pa = Prometheus.parse(worker ? a.workerText : a.repoText);
        Prometheus pb = Prometheus.parse(worker ? b.workerText : b.repoText);
        return pb.sum(name, filter) - pa.sum(name, filter);
    }

    String get(URI uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + r.statusCode());
        }
        return r.body();
    }

    static long postmasterPid(Path dataDir) {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] %s%n", STAMP.format(Instant.now()), String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
