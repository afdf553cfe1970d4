package io.helmdeck.local;

import java.io.IOException;
import java.nio.file.Path;

import io.helmdeck.sandbox.SandboxCluster;
import io.helmdeck.sandbox.SandboxSettings;

/**
 * {@code ./run-local.sh --sandbox-cluster}: a simulated Kubernetes API server in the launcher's JVM (ADR 0017), with
 * a kubeconfig release-service is pointed at. It stores what Helmdeck applies and reports it ready after a delay;
 * it runs no container. Nothing is kept across restarts.
 */
final class LocalSandbox implements AutoCloseable {

    private final SandboxCluster cluster;
    private final Path kubeconfig;

    private LocalSandbox(SandboxCluster cluster, Path kubeconfig) {
        this.cluster = cluster;
        this.kubeconfig = kubeconfig;
    }

    static LocalSandbox start(PlatformSettings settings) throws StartupException {
        SandboxCluster cluster = SandboxCluster.start(SandboxSettings.defaults());
        try {
            return new LocalSandbox(cluster, cluster.writeKubeconfig(kubeconfigFile(settings)));
        } catch (IOException e) {
            cluster.close();
            throw new StartupException("cannot write the sandbox cluster's kubeconfig: " + e.getMessage(), e);
        }
    }

    /** Where the kubeconfig goes: {@code .helmdeck/sandbox-kubeconfig}, rewritten on every start. */
    static Path kubeconfigFile(PlatformSettings settings) {
        return settings.stateDirectory().resolve("sandbox-kubeconfig");
    }

    String url() {
        return cluster.url();
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
