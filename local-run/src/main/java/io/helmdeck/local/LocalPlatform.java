package io.helmdeck.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the whole platform on one machine: an embedded PostgreSQL (unless a database URL is given), then
 * repo-service, release-service and sync-worker as child JVMs; Ctrl-C stops the services, then the database.
 */
public final class LocalPlatform {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final long STOP_TIMEOUT_SECONDS = 20;
    // Kept in a field: java.util.logging holds loggers weakly, and a collected one loses its level.
    private static final Logger ZONKY_LOGGER = Logger.getLogger("io.zonky");

    private final PlatformSettings settings;
    private final Console console;
    private final List<ServiceProcess> children = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private EmbeddedDatabase database;
    private LocalCredentials credentials;
    private final boolean withSandbox;
    private LocalSandbox sandbox;

    LocalPlatform(PlatformSettings settings, Console console) {
        this(settings, console, false);
    }

    /** @param withSandbox {@code --sandbox-cluster}: start a simulated cluster and deploy into it (ADR 0017) */
    LocalPlatform(PlatformSettings settings, Console console, boolean withSandbox) {
        this.settings = settings;
        this.console = console;
        this.withSandbox = withSandbox;
    }

    public static void main(String[] args) {
        if (args.length > 0 && "token".equals(args[0])) {
            mintToken(List.of(args).subList(1, args.length));
            return;
        }
        configureLogging();
        Console console = new Console(System.out);
        LocalPlatform platform;
        try {
            platform = new LocalPlatform(PlatformSettings.from(System.getenv(), System.getProperties()), console,
                    List.of(args).contains("--sandbox-cluster"));
        } catch (StartupException e) {
            System.err.println("helmdeck: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "helmdeck-shutdown"));
        try {
            platform.start();
            if (platform.stopping.get()) {
                return;
            }
            console.raw(PlatformBanner.render(platform.settings,
                    Optional.ofNullable(platform.database).map(EmbeddedDatabase::server),
                    UserToken.admin().sign(platform.credentials.jwtKeys().privateKey(), Instant.now())));
            if (platform.sandbox != null) {
                console.raw(PlatformBanner.sandboxSection(platform.sandbox.url(), platform.sandbox.kubeconfig()));
            }
            platform.superviseUntilAChildExits();
        } catch (StartupException e) {
            platform.failAndExit(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code ./run-local.sh token ...}: prints a new user token, nothing else, and exits. */
    private static void mintToken(List<String> args) {
        try {
            System.out.println(TokenCommand.run(args, PlatformSettings.from(System.getenv(), System.getProperties())));
        } catch (StartupException e) {
            System.err.println("helmdeck: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void configureLogging() {
        // zonky logs through slf4j -> java.util.logging; one line per record, and only what needs attention.
        System.setProperty("java.util.logging.SimpleFormatter.format", "postgres        | %4$s: %5$s%6$s%n");
        ZONKY_LOGGER.setLevel(Level.WARNING);
    }

    /** Starts everything in order and returns once every service is ready. */
    void start() throws StartupException, InterruptedException {
        checkServicesAreBuilt();
        checkPortsAreFree();
        Optional<CryptoKey> cryptoKey = settings.externalCryptoKey()
                ? Optional.empty()
                : Optional.of(CryptoKeyFile.loadOrCreate(settings.cryptoKeyFile()));
        credentials = LocalCredentials.loadOrCreate(settings);
        Optional<DatabaseServer> databaseServer = settings.externalDatabase() ? Optional.empty() : Optional.of(startDatabase());
        if (withSandbox) {
            startSandbox();
        }

        // Every service's environment first: a configuration mistake stops the launch before anything runs.
        Map<PlatformService, Map<String, String>> environments = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            environments.put(service, ServiceEnvironment.forService(service, databaseServer, cryptoKey, credentials,
                    System.getenv()));
            if (sandbox != null && service == PlatformService.RELEASE_SERVICE) {
                environments.get(service).putAll(ServiceEnvironment.sandboxCluster(sandbox.kubeconfig()));
            }
        }
        Path java = javaBinary();
        ReadinessProbe readiness = new ReadinessProbe(READY_TIMEOUT);
        // One at a time: sync-worker and release-service call repo-service, and the output stays readable.
        for (PlatformService service : PlatformService.values()) {
            Map<String, String> env = environments.get(service);
            console.line("local-run", "starting " + service.moduleName() + " on port " + service.port());
            ServiceProcess child;
            synchronized (children) {
                if (stopping.get()) {
                    return;
                }
                child = ServiceProcess.start(service, java, settings.root(), env,
                        settings.logFile(service.moduleName()), console);
                children.add(child);
            }
            readiness.await(child);
            console.line("local-run", service.moduleName() + " is ready at " + service.baseUri());
        }
    }

    private DatabaseServer startDatabase() throws StartupException {
        console.line("local-run", "starting embedded PostgreSQL on port " + settings.postgresPort()
                + ", data in " + settings.postgresDataDirectory());
        // Under the lock, so a Ctrl-C during the start waits for PostgreSQL to be up and then stops it.
        synchronized (children) {
            if (stopping.get()) {
                throw new StartupException("stopped before PostgreSQL started");
            }
            database = EmbeddedDatabase.start(settings.postgresDataDirectory(), settings.postgresPort(),
                    settings.logFile("postgres"));
        }
        database.createDatabasesIfMissing(Arrays.stream(PlatformService.values())
                .map(PlatformService::databaseName).filter(Objects::nonNull).toList());
        return database.server();
    }

    private void startSandbox() throws StartupException {
        synchronized (children) {
            if (stopping.get()) {
                throw new StartupException("stopped before the sandbox cluster started");
            }
            sandbox = LocalSandbox.start(settings);
        }
        console.line("local-run", "sandbox cluster (simulated, runs nothing) at " + sandbox.url()
                + ", kubeconfig " + sandbox.kubeconfig());
    }

    private void checkServicesAreBuilt() throws StartupException {
        List<String> missing = Arrays.stream(PlatformService.values())
                .map(service -> service.runnerJar(settings.root()))
                .filter(jar -> !Files.isRegularFile(jar))
                .map(Path::toString)
                .toList();
        if (!missing.isEmpty()) {
            throw new StartupException("the services are not built (missing " + String.join(", ", missing)
                    + "). Run ./run-local.sh, or ./mvnw install -DskipTests first, from the project root "
                    + settings.root() + " (or point -D" + PlatformSettings.ROOT_PROPERTY + "= at it)");
        }
    }

    private void checkPortsAreFree() throws StartupException {
        List<String> busy = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            if (!isFree(service.port())) {
                busy.add(service.port() + " (" + service.moduleName() + ")");
            }
        }
        if (!settings.externalDatabase() && !isFree(settings.postgresPort())) {
            busy.add(settings.postgresPort() + " (PostgreSQL; another port can be chosen with "
                    + PlatformSettings.POSTGRES_PORT_ENV + ")");
        }
        if (!busy.isEmpty()) {
            throw new StartupException("ports already in use: " + String.join(", ", busy)
                    + ". Is Helmdeck already running, or left over from a run that was killed?");
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Path javaBinary() {
        return ProcessHandle.current().info().command()
                .map(Path::of)
                .filter(Files::isExecutable)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin",
                        System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "java.exe" : "java"));
    }

    /** Blocks until any service ends; if nobody asked for it, stops the rest and exits with an error. */
    private void superviseUntilAChildExits() throws InterruptedException {
        CompletableFuture<?>[] exits;
        synchronized (children) {
            exits = children.stream().map(ServiceProcess::onExit).toArray(CompletableFuture[]::new);
        }
        ServiceProcess ended = (ServiceProcess) CompletableFuture.anyOf(exits).join();
        // Ctrl-C reaches the services directly too; give the shutdown hook a moment to say it is ours.
        Thread.sleep(1000);
        if (!stopping.get()) {
            failAndExit(ended.service().moduleName() + " exited unexpectedly with code " + ended.exitCode()
                    + "; see its log: " + ended.logFile());
        }
    }

    private void failAndExit(String message) {
        if (stopping.get()) {
            return; // Ctrl-C during start-up: the failure is the shutdown itself.
        }
        stop();
        // Last, so the reason is what the user sees under the services' final lines.
        System.err.println("helmdeck: ERROR: " + message);
        System.exit(1);
    }

    /** Stops the services (gracefully, then forcibly), then PostgreSQL. Safe to call more than once. */
    void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        List<ServiceProcess> running;
        EmbeddedDatabase db;
        LocalSandbox simulated;
        synchronized (children) {
            running = new ArrayList<>(children);
            db = database;
            simulated = sandbox;
        }
        if (!running.isEmpty()) {
            console.line("local-run", "stopping the services");
        }
        running.forEach(ServiceProcess::requestStop);
        running.forEach(child -> child.awaitStop(STOP_TIMEOUT_SECONDS));
        if (simulated != null) {
            simulated.close();
        }
        if (db != null) {
            console.line("local-run", "stopping PostgreSQL (data kept in " + settings.postgresDataDirectory() + ")");
            try {
                db.close();
            } catch (IOException e) {
                console.line("local-run", "PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        if (!running.isEmpty() || db != null) {
            console.line("local-run", "stopped");
        }
    }
}
