package io.helmdeck.release.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.helmdeck.support.testing.LocalRegistry;
import io.helmdeck.support.testing.SecurityResource;
import io.helmdeck.support.testing.ServiceJar;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The rest of Helmdeck around the release-service under test: the real registry, repo-service (packaged jar, own
 * embedded PostgreSQL) and sync-worker (packaged jar), wired together on loopback ports. repo-service sends its
 * source events to the release-service under test, which gets a fixed port for that.
 */
public class Platform implements QuarkusTestResourceLifecycleManager {

    static final String REGISTRY_KEY = "helmdeck.e2e.registry";
    static final String REPO_SERVICE_KEY = "helmdeck.e2e.repo-service";
    static final String SYNC_WORKER_KEY = "helmdeck.e2e.sync-worker";

    private LocalRegistry registry;
    private EmbeddedPostgres postgres;
    private ServiceJar repoService;
    private ServiceJar syncWorker;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-work", "e2e-" + UUID.randomUUID())
                    .toAbsolutePath());
            registry = LocalRegistry.start(dir);
            postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata")).setCleanDataDirectory(true)
                    .start();
            int releasePort = ServiceJar.freePort();
            int repoPort = ServiceJar.freePort();
            int workerPort = ServiceJar.freePort();
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Map<String, String> repoEnv = new HashMap<>();
            repoEnv.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + postgres.getPort() + "/postgres");
            repoEnv.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
            repoEnv.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            repoEnv.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            repoEnv.put("HELMDECK_CRYPTO_KEY", Base64.getEncoder().encodeToString(key));
            repoEnv.put("HELMDECK_CRYPTO_KEY_ID", "e2e");
            repoEnv.put("HELMDECK_SYNC_WORKER_URL", "http://127.0.0.1:" + workerPort);
            repoEnv.put("HELMDECK_RELEASE_SERVICE_URL", "http://127.0.0.1:" + releasePort);
            // ADR 0013: repo-service trusts the run's user-token key and knows every service's token.
            repoEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", SecurityResource.publicKey().toString());
            repoEnv.put("HELMDECK_SERVICE_TOKEN", SecurityResource.REPO_SERVICE_TOKEN);
            repoEnv.put("HELMDECK_INTERNAL_SYNC_WORKER_TOKEN", SecurityResource.SYNC_WORKER_TOKEN);
            repoEnv.put("HELMDECK_INTERNAL_RELEASE_SERVICE_TOKEN", SecurityResource.RELEASE_SERVICE_TOKEN);
            repoService = ServiceJar.start("repo-service", repoPort, repoEnv, dir);
            syncWorker = ServiceJar.start("sync-worker", workerPort, Map.of(
                    "HELMDECK_REPO_SERVICE_URL", repoService.url(),
                    "HELMDECK_SERVICE_TOKEN", SecurityResource.SYNC_WORKER_TOKEN,
                    "HELMDECK_INTERNAL_REPO_SERVICE_TOKEN", SecurityResource.REPO_SERVICE_TOKEN,
                    "HELMDECK_SYNC_POLL_INTERVAL", "1s",
                    "HELMDECK_SYNC_MAX_CLAIM_BACKOFF", "2s"), dir);
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.http.test-port", String.valueOf(releasePort));
            config.put("helmdeck.repo-service.url", repoService.url());
            config.put("helmdeck.reconcile.enabled", "true");
            config.put("helmdeck.reconcile.retry-delay", "1s");
            // The fabric8 mock has no server-side apply; the client-side strategy is the other production strategy.
            config.put("helmdeck.kube.apply-strategy", "client-side");
            config.put(REGISTRY_KEY, registry.address());
            config.put(REPO_SERVICE_KEY, repoService.url());
            config.put(SYNC_WORKER_KEY, syncWorker.url());
            return config;
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        try {
            if (syncWorker != null) {
                syncWorker.close();
            }
            if (repoService != null) {
                repoService.close();
            }
            if (registry != null) {
                registry.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
