package io.helmdeck.portal.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;


import io.helmdeck.sandbox.SandboxCluster;
import io.helmdeck.support.testing.LocalRegistry;
import io.helmdeck.support.testing.ServiceJar;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Everything behind the portal under test, real where it can be: the Distribution registry, repo-service and
 * release-service (packaged jars, each with its own embedded PostgreSQL), sync-worker (packaged jar), and as the
 * cluster the sandbox cluster (controllers make workloads ready), which release-service reaches through a kubeconfig and writes
 * to with client-side apply (the mock has no server-side apply).
 */
public class PortalStack implements QuarkusTestResourceLifecycleManager {

    public static final String REGISTRY_KEY = "helmdeck.test.registry";
    public static final String REPO_SERVICE_KEY = "helmdeck.test.repo-service";
    public static final String RELEASE_SERVICE_KEY = "helmdeck.test.release-service";
    public static final String KUBE_KEY = "helmdeck.test.kube";
    private static final String REPO_TOKEN = "portal-test-repo-service-token";
    private static final String SYNC_TOKEN = "portal-test-sync-worker-token";
    private static final String RELEASE_TOKEN = "portal-test-release-service-token";

    private final List<AutoCloseable> started = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-work", "stack-" + UUID.randomUUID())
                    .toAbsolutePath());
            Path publicKey = StackTokens.createKeys();
            LocalRegistry registry = track(LocalRegistry.start(dir));
            EmbeddedPostgres repoDb = track(EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg-repo"))
                    .setCleanDataDirectory(true).start());
            EmbeddedPostgres releaseDb = track(EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg-release"))
                    .setCleanDataDirectory(true).start());
            // The sandbox cluster (ADR 0017): its controllers make workloads ready, as release-service now waits for.
            SandboxCluster kube = SandboxCluster.start();
            started.add(kube::close);
            String kubeUrl = kube.url();
            Path kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"));

            int repoPort = ServiceJar.freePort();
            int workerPort = ServiceJar.freePort();
            int releasePort = ServiceJar.freePort();
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Map<String, String> repoEnv = new HashMap<>(database(repoDb));
            repoEnv.put("HELMDECK_CRYPTO_KEY", Base64.getEncoder().encodeToString(key));
            repoEnv.put("HELMDECK_CRYPTO_KEY_ID", "portal-test");
            repoEnv.put("HELMDECK_SYNC_WORKER_URL", "http://127.0.0.1:" + workerPort);
            repoEnv.put("HELMDECK_RELEASE_SERVICE_URL", "http://127.0.0.1:" + releasePort);
            repoEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
            repoEnv.put("HELMDECK_SERVICE_TOKEN", REPO_TOKEN);
            repoEnv.put("HELMDECK_INTERNAL_SYNC_WORKER_TOKEN", SYNC_TOKEN);
            repoEnv.put("HELMDECK_INTERNAL_RELEASE_SERVICE_TOKEN", RELEASE_TOKEN);
            ServiceJar repoService = track(ServiceJar.start("repo-service", repoPort, repoEnv, dir));
            track(ServiceJar.start("sync-worker", workerPort, Map.of(
                    "HELMDECK_REPO_SERVICE_URL", repoService.url(),
                    "HELMDECK_SERVICE_TOKEN", SYNC_TOKEN,
                    "HELMDECK_INTERNAL_REPO_SERVICE_TOKEN", REPO_TOKEN,
                    "HELMDECK_SYNC_POLL_INTERVAL", "1s",
                    "HELMDECK_SYNC_MAX_CLAIM_BACKOFF", "2s"), dir));
            Map<String, String> releaseEnv = new HashMap<>(database(releaseDb));
            releaseEnv.put("HELMDECK_REPO_SERVICE_URL", repoService.url());
            releaseEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
            releaseEnv.put("HELMDECK_SERVICE_TOKEN", RELEASE_TOKEN);
            releaseEnv.put("HELMDECK_INTERNAL_REPO_SERVICE_TOKEN", REPO_TOKEN);
            releaseEnv.put("HELMDECK_KUBE_KUBECONFIG", kubeconfig.toString());
            releaseEnv.put("HELMDECK_KUBE_APPLY_STRATEGY", "client-side");
            releaseEnv.put("HELMDECK_RECONCILE_RETRY_DELAY", "1s");
            releaseEnv.put("HELMDECK_CHARTS_CACHE_DIR", dir.resolve("chart-cache").toString());
            releaseEnv.put("HELMDECK_RENDER_WORK_DIR", dir.resolve("render").toString());
            ServiceJar releaseService = track(ServiceJar.start("release-service", releasePort, releaseEnv, dir));

            Map<String, String> config = new HashMap<>();
            config.put("helmdeck.repo-service.url", repoService.url());
            config.put("helmdeck.release-service.url", releaseService.url());
            config.put(REGISTRY_KEY, registry.address());
            config.put(REPO_SERVICE_KEY, repoService.url());
            config.put(RELEASE_SERVICE_KEY, releaseService.url());
            config.put(KUBE_KEY, kubeUrl);
            return config;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("the stack behind the portal did not start: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> database(EmbeddedPostgres db) {
        return Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + db.getPort() + "/postgres",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + db.getPort() + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres");
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    @Override
    public void stop() {
        // Reverse order: the services before the databases, registry and cluster they use.
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
        started.clear();
    }
}
