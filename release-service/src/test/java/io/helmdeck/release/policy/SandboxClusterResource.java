package io.helmdeck.release.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.helmdeck.sandbox.SandboxCluster;
import io.helmdeck.sandbox.SandboxSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The sandbox cluster (which answers 403 to an impersonated service account outside its namespace, as RBAC would)
 * as release-service's cluster, with every tenant acting as its {@value #SERVICE_ACCOUNT} service account
 * ({@code helmdeck.kube.default-service-account}). Requests are recorded; the controllers tick once an hour, so what
 * the sandbox records is what release-service sent.
 */
public class SandboxClusterResource implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_ACCOUNT = "helmdeck-tenant";
    public static final String KUBECONFIG_KEY = "helmdeck.kube.kubeconfig";
    private static volatile SandboxCluster cluster;

    /** The running sandbox. */
    public static SandboxCluster cluster() {
        return cluster;
    }

    @Override
    public Map<String, String> start() {
        cluster = SandboxCluster.start(SandboxSettings.defaults().withTick(Duration.ofHours(1))
                .withRecordedRequests(true));
        return pointAt(cluster);
    }

    /**
     * release-service's settings that make {@code sandbox} its cluster (a kubeconfig in a temporary file, under
     * {@value #KUBECONFIG_KEY}; client-side apply, since the sandbox has no server-side apply), with every tenant
     * acting as its {@value #SERVICE_ACCOUNT} service account.
     */
    public static Map<String, String> pointAt(SandboxCluster sandbox) {
        try {
            Path file = sandbox.writeKubeconfig(Files.createTempDirectory("sandbox-kube").resolve("config"));
            return Map.of(KUBECONFIG_KEY, file.toString(),
                    "helmdeck.kube.apply-strategy", "client-side",
                    "helmdeck.kube.default-service-account", SERVICE_ACCOUNT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
