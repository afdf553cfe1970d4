package io.helmdeck.release.kube;

import java.nio.file.Path;

/**
 * Where the cluster connection comes from.
 *
 * @param mode        how the cluster is reached, {@link Mode#NONE} when no cluster is configured
 * @param description how it is connected, or why not; shown in readiness data and logs (never a credential)
 * @param kubeconfig  the file Helmdeck must load itself ({@code helmdeck.kube.kubeconfig}); {@code null} when the
 *                    Quarkus-produced client already points at the cluster
 */
public record ClusterSource(Mode mode, String description, Path kubeconfig) {

    /** How the cluster is reached. */
    public enum Mode {
        IN_CLUSTER, KUBECONFIG, API_SERVER_URL, NONE
    }

    public boolean configured() {
        return mode != Mode.NONE;
    }
}
