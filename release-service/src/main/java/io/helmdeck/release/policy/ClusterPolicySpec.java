package io.helmdeck.release.policy;

import java.util.List;

/** A cluster policy as an admin wrote it, validated: what gets stored. */
public record ClusterPolicySpec(List<String> namespaces, List<String> clusterScopedKinds, String serviceAccountName) {

    public ClusterPolicySpec {
        namespaces = List.copyOf(namespaces);
        clusterScopedKinds = List.copyOf(clusterScopedKinds);
    }
}
