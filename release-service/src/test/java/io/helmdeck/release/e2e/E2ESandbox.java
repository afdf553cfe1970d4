package io.helmdeck.release.e2e;

import java.util.Map;

import io.helmdeck.release.policy.SandboxClusterResource;
import io.helmdeck.sandbox.SandboxCluster;
import io.helmdeck.sandbox.SandboxSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The sandbox cluster (ADR 0017) with its controllers running (workloads become ready after its default delay), as
 * the cluster release-service deploys to. Every tenant acts as its {@link SandboxClusterResource#SERVICE_ACCOUNT}
 * service account, which the sandbox confines to the tenant's namespace as RBAC would; grants beyond that are the
 * test's to add, as an administrator would. ({@link SandboxClusterResource} is the same cluster with its controllers
 * idle and every request recorded.)
 */
public class E2ESandbox implements QuarkusTestResourceLifecycleManager {

    private static volatile SandboxCluster cluster;

    /** The running sandbox. */
    static SandboxCluster cluster() {
        return cluster;
    }

    @Override
    public Map<String, String> start() {
        cluster = SandboxCluster.start(SandboxSettings.defaults());
        return SandboxClusterResource.pointAt(cluster);
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
