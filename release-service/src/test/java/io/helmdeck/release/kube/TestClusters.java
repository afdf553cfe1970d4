package io.helmdeck.release.kube;

import java.time.Clock;

/** A {@link ClusterConnection} that is or is not configured, for unit tests that never reach a cluster. */
public final class TestClusters {
    private TestClusters() {
    }

    public static ClusterConnection of(boolean available) {
        ClusterSource source = available
                ? new ClusterSource(ClusterSource.Mode.API_SERVER_URL, "test API server", null)
                : new ClusterSource(ClusterSource.Mode.NONE, "no cluster configured", null);
        return new ClusterConnection(null, source, () -> {
            throw new IllegalStateException("unit tests use no client");
        }, Clock.systemUTC());
    }
}
