package io.helmdeck.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

import io.helmdeck.local.CryptoKey;
import io.helmdeck.local.CryptoKeyFile;
import io.helmdeck.local.EmbeddedDatabase;
import io.helmdeck.local.LocalCredentials;
import io.helmdeck.local.PlatformService;
import io.helmdeck.local.PlatformSettings;
import io.helmdeck.local.ServiceEnvironment;
import io.helmdeck.local.StartupException;
import io.helmdeck.local.UserToken;
import io.helmdeck.sandbox.SandboxCluster;
import io.helmdeck.sandbox.SandboxSettings;

/**
 * The whole platform as an operator runs it, minus the containers: an embedded PostgreSQL, the real Distribution
 * registry, the sandbox cluster (ADR 0017), and repo-service, release-service and sync-worker each in its own JVM
 * started from its packaged {@code target/quarkus-app}. Keys, service tokens and every service's environment come
 * from local-run's code ({@link ServiceEnvironment}, {@link LocalCredentials}), as {@code ./run-local.sh
 * --sandbox-cluster} makes them; only the addresses differ: free loopback ports, never the local run's fixed
 * 8080–8083, which an engineer's own run may hold. Services start one at a time, so each start-up is timed alone.
 */
public final class StackUnderTest implements AutoCloseable {

    /** The three services with a job in the stack, in start order (repo-service first: the others call it). */
    public static final List<PlatformService> SERVICES =
            List.of(PlatformService.REPO_SERVICE, PlatformService.RELEASE_SERVICE, PlatformService.SYNC_WORKER);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern FIXED_PORT = Pattern.compile("(localhost|127\\.0\\.0\\.1):(8080|8081|8082|8083)\\b");

    /**
     * How to start the stack.
     *
     * @param projectRoot the reactor root, whose {@code <module>/target/quarkus-app} are started
     * @param workDir     where everything the run writes goes (database, registry storage, logs, keys)
     * @param jvmOptions  extra JVM options per service (e.g. the chart's memory settings)
     * @param environment extra environment per service, applied last
     * @param sandbox     the sandbox cluster's settings (how soon workloads become ready)
     */
    public record Options(Path projectRoot, Path workDir, Map<PlatformService, List<String>> jvmOptions,
            Map<PlatformService, Map<String, String>> environment, SandboxSettings sandbox) {

        public static Options of(Path projectRoot, Path workDir) {
            return new Options(projectRoot, workDir, Map.of(), Map.of(),
                    SandboxSettings.defaults().withReadyDelay(Duration.ofMillis(200)));
        }

        public Options withJvmOptions(Map<PlatformService, List<String>> options) {
            return new Options(projectRoot, workDir, options, environment, sandbox);
        }

        public Options withEnvironment(Map<PlatformService, Map<String, String>> env) {
            return new Options(projectRoot, workDir, jvmOptions, env, sandbox);
        }
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<PlatformService, StackProcess> processes = new EnumMap<>(PlatformService.class);
    private EmbeddedDatabase database;
    private StackRegistry registry;
    private SandboxCluster cluster;
    private LocalCredentials credentials;
    private StackCharts charts;

    private StackUnderTest() {
    }

    /** Starts everything and returns once all three services answer ready; on failure stops what it started. */
    public static StackUnderTest start(Options options) throws Exception {
        StackUnderTest stack = new StackUnderTest();
        try {
            stack.startAll(options);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Options options) throws Exception {
        Path work = Files.createDirectories(options.workDir().toAbsolutePath());
        for (PlatformService service : SERVICES) {
            Path app = quarkusApp(options.projectRoot(), service);
            if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
                throw new IllegalStateException("missing " + app + "/quarkus-run.jar: package the services first");
            }
        }
        PlatformSettings settings = new PlatformSettings(work, freePort(), false, false);
        database = EmbeddedDatabase.start(settings.postgresDataDirectory(), settings.postgresPort(),
                work.resolve("postgres.log"));
        started.add(database);
        database.createDatabasesIfMissing(SERVICES.stream().map(PlatformService::databaseName)
                .filter(java.util.Objects::nonNull).toList());
        registry = StackRegistry.start(work.resolve("registry"));
        started.add(registry);
        charts = new StackCharts(Files.createDirectories(work.resolve("charts")), registry.address());
        cluster = SandboxCluster.start(options.sandbox());
        started.add(cluster);
        Path kubeconfig = cluster.writeKubeconfig(settings.stateDirectory().resolve("sandbox-kubeconfig"));
        credentials = LocalCredentials.loadOrCreate(settings);
        CryptoKey cryptoKey = CryptoKeyFile.loadOrCreate(settings.cryptoKeyFile());

        Map<PlatformService, Integer> ports = new EnumMap<>(PlatformService.class);
        for (PlatformService service : SERVICES) {
            ports.put(service, freePort());
        }
        for (PlatformService service : SERVICES) {
            Map<String, String> env = environment(service, ports, cryptoKey, kubeconfig);
            env.putAll(options.environment().getOrDefault(service, Map.of()));
            List<String> jvm = new ArrayList<>(options.jvmOptions().getOrDefault(service, List.of()));
            if (service == PlatformService.RELEASE_SERVICE) {
                // Helm's native library is unpacked here rather than in /tmp, as the chart does with /tmp/jna.
                jvm.add("-Djna.tmpdir=" + Files.createDirectories(work.resolve("jna")));
            }
            StackProcess process = StackProcess.start(service, quarkusApp(options.projectRoot(), service),
                    ports.get(service), env, jvm, work.resolve(service.moduleName() + ".log"));
            processes.put(service, process);
            started.add(process::stop);
            process.awaitReady(READY_TIMEOUT);
        }
    }

    private Map<String, String> environment(PlatformService service, Map<PlatformService, Integer> ports,
            CryptoKey cryptoKey, Path kubeconfig) throws StartupException {
        Map<String, String> env = new LinkedHashMap<>(ServiceEnvironment.forService(service,
                Optional.of(database.server()), Optional.of(cryptoKey), credentials, Map.of()));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(service)));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        if (service == PlatformService.REPO_SERVICE) {
            env.put("HELMDECK_RELEASE_SERVICE_URL", base(ports, PlatformService.RELEASE_SERVICE));
            env.put("HELMDECK_SYNC_WORKER_URL", base(ports, PlatformService.SYNC_WORKER));
        } else {
            env.put("HELMDECK_REPO_SERVICE_URL", base(ports, PlatformService.REPO_SERVICE));
        }
        if (service == PlatformService.RELEASE_SERVICE) {
            env.putAll(ServiceEnvironment.sandboxCluster(kubeconfig));
        }
        // A new address setting in local-run would otherwise point a service at someone else's local run silently.
        env.forEach((name, value) -> {
            if (FIXED_PORT.matcher(value).find()) {
                throw new IllegalStateException("local-run wires " + service.moduleName() + "'s " + name + " to "
                        + value + "; give it the stack's own address in " + StackUnderTest.class.getName());
            }
        });
        return env;
    }

    private static String base(Map<PlatformService, Integer> ports, PlatformService service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    private static Path quarkusApp(Path root, PlatformService service) {
        return service.runnerJar(root).getParent();
    }

    /** A service's base address, e.g. for a generated client's {@code ApiClient.updateBaseUri}. */
    public URI url(PlatformService service) {
        return processes.get(service).uri("");
    }

    public StackProcess process(PlatformService service) {
        return processes.get(service);
    }

    /** A fresh admin user token signed with the run's key (every tenant, ADR 0013). */
    public String adminToken() {
        return UserToken.admin().sign(credentials.jwtKeys().privateKey(), Instant.now());
    }

    public StackCharts charts() {
        return charts;
    }

    public StackRegistry registry() {
        return registry;
    }

    public SandboxCluster cluster() {
        return cluster;
    }

    /** JDBC URL of a service's database, for a harness that counts rows. */
    public String jdbcUrl(PlatformService service) {
        return database.server().jdbcUrl(service.databaseName());
    }

    /** Stops the services (last started first), then the cluster, the registry and PostgreSQL. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stack: stopping " + started.get(i) + " failed: " + e);
            }
        }
        started.clear();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void awaitHttp(Process process, URI uri, Duration timeout, IntPredicate done, Path log)
            throws IOException, InterruptedException {
        awaitHttp(process, uri, timeout, done, log, Duration.ofMillis(50));
    }

    /** Polls {@code uri} until its status satisfies {@code done}; fails when the process exits or time runs out. */
    static void awaitHttp(Process process, URI uri, Duration timeout, IntPredicate done, Path log, Duration poll)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(uri + ": the process exited (code " + process.exitValue() + "); see "
                        + log);
            }
            try {
                int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (done.test(status)) {
                    return;
                }
                last = "HTTP " + status;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(poll.toMillis());
        }
        throw new IllegalStateException(uri + " not ready within " + timeout + " (last: " + last + "); see " + log);
    }
}
