package io.helmdeck.release.support;

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
 * The sandbox cluster (ADR 0017) as release-service's cluster. With init arg {@code tenantServiceAccount=true}
 * every tenant acts as its {@value #SERVICE_ACCOUNT} service account ({@code helmdeck.kube.default-service-account};
 * the sandbox answers 403 to an impersonated service account outside its namespace, as RBAC would); without it,
 * Helmdeck acts with its own identity. Its controllers make workloads ready
 * after {@code readyDelay} (default 200 ms) and keep images tagged {@code broken} unready or failing, so releases
 * are waited for as in a real cluster. Init args: {@code readyDelay} and {@code tick} (ISO-8601 durations; a tick
 * of {@code PT1H} stops the controllers, so what the sandbox records is only what release-service sent) and
 * {@code recordRequests} ({@code true} keeps every request for {@code takeRequest()}).
 */
public class SandboxClusterResource implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_ACCOUNT = "helmdeck-tenant";
    private static volatile SandboxCluster cluster;
    private SandboxSettings settings = SandboxSettings.defaults().withReadyDelay(Duration.ofMillis(200));
    private boolean tenantServiceAccount;

    /** The running sandbox. */
    public static SandboxCluster cluster() {
        return cluster;
    }

    /** A new tenant ({@link ReleaseApi#newTenant()}) with its namespace created in the sandbox. */
    public static String newTenantWithNamespace() {
        String tenant = ReleaseApi.newTenant();
        createNamespace(tenant);
        return tenant;
    }

    /** Creates a namespace in the sandbox, as an admin would for a new tenant. */
    public static void createNamespace(String name) {
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(name).endMetadata().build()).create();
    }

    @Override
    public void init(Map<String, String> args) {
        if (args.containsKey("readyDelay")) {
            settings = settings.withReadyDelay(Duration.parse(args.get("readyDelay")));
        }
        if (args.containsKey("tick")) {
            settings = settings.withTick(Duration.parse(args.get("tick")));
        }
        tenantServiceAccount = Boolean.parseBoolean(args.getOrDefault("tenantServiceAccount", "false"));
        settings = settings.withRecordedRequests(Boolean.parseBoolean(args.getOrDefault("recordRequests", "false")));
    }

    @Override
    public Map<String, String> start() {
        cluster = SandboxCluster.start(settings);
        try {
            Path file = cluster.writeKubeconfig(Files.createTempDirectory("sandbox-kube").resolve("config"));
            Map<String, String> config = new java.util.HashMap<>(Map.of("helmdeck.kube.kubeconfig", file.toString(),
                    "helmdeck.kube.apply-strategy", "client-side"));
            if (tenantServiceAccount) {
                config.put("helmdeck.kube.default-service-account", SERVICE_ACCOUNT);
            }
            return config;
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
