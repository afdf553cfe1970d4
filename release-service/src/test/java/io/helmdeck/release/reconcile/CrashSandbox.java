package io.helmdeck.release.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.helmdeck.sandbox.SandboxCluster;
import io.helmdeck.sandbox.SandboxSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The sandbox cluster as release-service's cluster, and the reconcile loop running as replica {@value #REPLICA},
 * for the crash and restart tests: Helm's own code reads what ends up in the cluster through its kubeconfig.
 */
public class CrashSandbox implements QuarkusTestResourceLifecycleManager {

    static final String REPLICA = "replica-a";
    private static volatile SandboxCluster cluster;
    private static volatile Path kubeconfig;

    static SandboxCluster cluster() {
        return cluster;
    }

    static Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public Map<String, String> start() {
        cluster = SandboxCluster.start(SandboxSettings.defaults());
        try {
            kubeconfig = cluster.writeKubeconfig(Files.createTempDirectory("crash-kube").resolve("config"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("helmdeck.kube.kubeconfig", kubeconfig.toString(),
                "helmdeck.kube.apply-strategy", "client-side",
                "helmdeck.reconcile.replica-id", REPLICA);
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
