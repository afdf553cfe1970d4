package io.helmdeck.sandbox;

import java.time.Duration;

/**
 * How the sandbox behaves.
 *
 * @param readyDelay     how long after a workload's spec is first seen its pods count as ready (and a Job or a Pod
 *                       completes); {@link Duration#ZERO} makes them ready on the controllers' next pass
 * @param tick           how often the controllers look at the stored objects
 * @param kubeVersion    what {@code /version} reports, e.g. {@code v1.31.4}
 * @param nodes          simulated nodes: how many pods a DaemonSet wants
 * @param recordRequests keep every request for {@code takeRequest()} (tests); a long-running sandbox drops them so
 *                       its memory stays flat
 */
public record SandboxSettings(Duration readyDelay, Duration tick, String kubeVersion, int nodes,
        boolean recordRequests) {

    public static final String DEFAULT_KUBE_VERSION = "v1.31.4";

    /** Ready after 2 s, controllers every 100 ms, Kubernetes v1.31.4, one node, requests not kept. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(Duration.ofSeconds(2), Duration.ofMillis(100), DEFAULT_KUBE_VERSION, 1, false);
    }

    public SandboxSettings withReadyDelay(Duration delay) {
        return new SandboxSettings(delay, tick, kubeVersion, nodes, recordRequests);
    }

    public SandboxSettings withTick(Duration interval) {
        return new SandboxSettings(readyDelay, interval, kubeVersion, nodes, recordRequests);
    }

    public SandboxSettings withKubeVersion(String version) {
        return new SandboxSettings(readyDelay, tick, version, nodes, recordRequests);
    }

    public SandboxSettings withNodes(int count) {
        return new SandboxSettings(readyDelay, tick, kubeVersion, count, recordRequests);
    }

    public SandboxSettings withRecordedRequests(boolean record) {
        return new SandboxSettings(readyDelay, tick, kubeVersion, nodes, record);
    }
}
