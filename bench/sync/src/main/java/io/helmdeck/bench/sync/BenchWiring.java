package io.helmdeck.bench.sync;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helmdeck.local.CryptoKeyFile;
import io.helmdeck.local.DatabaseServer;
import io.helmdeck.local.LocalCredentials;
import io.helmdeck.local.PlatformService;
import io.helmdeck.local.PlatformSettings;
import io.helmdeck.local.ServiceEnvironment;
import io.helmdeck.local.StartupException;
import io.helmdeck.local.UserToken;

/**
 * The services' environment for one bench run, made by the local run's own code (local-run's
 * {@link ServiceEnvironment}, {@link LocalCredentials}, {@link CryptoKeyFile}, {@link UserToken}) so the bench starts
 * repo-service and sync-worker exactly as {@code ./run-local.sh} does — JWT key pair, service tokens, crypto key, all
 * fresh in the run's folder — and learns every new setting the local run learns. Only the addresses differ: the bench
 * runs on free loopback ports, never on the local run's fixed 8081–8083, which another engineer's run may hold.
 */
final class BenchWiring {

    /** Any address on one of the local run's fixed ports; none may survive into a bench service's environment. */
    private static final Pattern FIXED_PORT = Pattern.compile(
            "(localhost|127\\.0\\.0\\.1):(" + String.join("|", List.of(PlatformService.values()).stream()
                    .map(s -> Integer.toString(s.port())).toList()) + ")\\b");

    private final LocalCredentials credentials;
    private final Map<String, String> repoService;
    private final Map<String, String> syncWorker;

    private BenchWiring(LocalCredentials credentials, Map<String, String> repoService, Map<String, String> syncWorker) {
        this.credentials = credentials;
        this.repoService = repoService;
        this.syncWorker = syncWorker;
    }

    /**
     * Makes the run's credentials under {@code stateRoot/.helmdeck} and the environment of repo-service (on
     * {@code repoPort}, its database {@code helmdeck_repo} on {@code database}) and of one sync-worker (on
     * {@code workerPort}).
     */
    static BenchWiring create(Path stateRoot, DatabaseServer database, int repoPort, int workerPort)
            throws StartupException {
        PlatformSettings settings = new PlatformSettings(stateRoot, database.port(), false, false);
        LocalCredentials credentials = LocalCredentials.loadOrCreate(settings);
        var cryptoKey = Optional.of(CryptoKeyFile.loadOrCreate(settings.cryptoKeyFile()));
        String repoUrl = "http://127.0.0.1:" + repoPort;
        String workerUrl = "http://127.0.0.1:" + workerPort;

        Map<String, String> repo = new LinkedHashMap<>(ServiceEnvironment.forService(PlatformService.REPO_SERVICE,
                Optional.of(database), cryptoKey, credentials, Map.of()));
        repo.put("QUARKUS_HTTP_PORT", Integer.toString(repoPort));
        repo.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        repo.put("HELMDECK_SYNC_WORKER_URL", workerUrl);
        // No release-service in the sync bench: its source events would go nowhere (or to someone else's local run).
        repo.remove("HELMDECK_RELEASE_SERVICE_URL");
        repo.put("HELMDECK_RELEASE_SERVICE_EVENTS_ENABLED", "false");

        Map<String, String> worker = new LinkedHashMap<>(ServiceEnvironment.forService(PlatformService.SYNC_WORKER,
                Optional.of(database), cryptoKey, credentials, Map.of()));
        worker.put("QUARKUS_HTTP_PORT", Integer.toString(workerPort));
        worker.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        worker.put("HELMDECK_REPO_SERVICE_URL", repoUrl);

        refuseFixedPorts("repo-service", repo);
        refuseFixedPorts("sync-worker", worker);
        return new BenchWiring(credentials, repo, worker);
    }

    /** A new address setting in the local run would otherwise point a bench service at the fixed ports silently. */
    private static void refuseFixedPorts(String service, Map<String, String> env) {
        env.forEach((name, value) -> {
            if (FIXED_PORT.matcher(value).find()) {
                throw new IllegalStateException("local-run wires " + service + "'s " + name + " to " + value
                        + ", a fixed local-run port; give it the bench's own address in " + BenchWiring.class.getName());
            }
        });
    }

    Map<String, String> repoService() {
        return repoService;
    }

    /** sync-worker's environment, plus the worker settings under test (they win over nothing the wiring sets). */
    Map<String, String> syncWorker(Map<String, String> settings) {
        Map<String, String> env = new LinkedHashMap<>(syncWorker);
        env.putAll(settings);
        return env;
    }

    /** A user token for the bench's API calls: the local run's admin token, signed with this run's key. */
    String adminToken() {
        return UserToken.admin().sign(credentials.jwtKeys().privateKey(), Instant.now());
    }
}
