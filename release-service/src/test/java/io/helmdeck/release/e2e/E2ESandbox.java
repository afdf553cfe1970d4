package io.helmdeck.release.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.helmdeck.sandbox.SandboxCluster;
import io.helmdeck.sandbox.SandboxSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The sandbox cluster (ADR 0017) with its controllers running (workloads become ready after its default delay), as
 * the cluster release-service deploys to. Every tenant acts as its {@value #TENANT_ACCOUNT} service account, which
 * the sandbox confines to the tenant's namespace as RBAC would; grants beyond that are the test's to add, as an
 * administrator would.
 */
public class E2ESandbox implements QuarkusTestResourceLifecycleManager {

    static final String TENANT_ACCOUNT = "helmdeck-tenant";
    static final String KUBECONFIG_KEY = "helmdeck.kube.kubeconfig";
    private static volatile SandboxCluster cluster;

    /** The running sandbox. */
    static SandboxCluster cluster() {
        return cluster;
    }

    @Override
    public Map<String, String> start() {
        cluster = SandboxCluster.start(SandboxSettings.defaults());
        try {
            Path file = cluster.writeKubeconfig(Files.createTempDirectory("e2e-sandbox").resolve("config"));
            return Map.of(KUBECONFIG_KEY, file.toString(),
                    "helmdeck.kube.apply-strategy", "client-side",
                    "helmdeck.kube.default-service-account", TENANT_ACCOUNT);
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
