package io.helmdeck.release.policy;

import java.util.List;
import java.util.Optional;

/**
 * The cluster policy that applies to a tenant's releases: the stored one, else the platform default. Pure value;
 * every check of a namespace or kind against a policy goes through here so the API and the reconciler agree.
 *
 * @param namespaces         namespace names and prefixes ending in {@code *} ({@code *} alone: any namespace)
 * @param clusterScopedKinds kinds of cluster-scoped objects allowed, exact kind names
 * @param serviceAccountName service account in the tenant's namespace to impersonate; null: Helmdeck's own identity
 * @param isDefault          no policy is stored: these are the platform defaults
 * @param version            the stored policy's version, 0 for the default (also the ETag)
 */
public record EffectivePolicy(List<String> namespaces, List<String> clusterScopedKinds, String serviceAccountName,
        boolean isDefault, long version) {

    public static final String WILDCARD = "*";

    public EffectivePolicy {
        namespaces = List.copyOf(namespaces);
        clusterScopedKinds = List.copyOf(clusterScopedKinds);
    }

    /** Whether objects may be placed in {@code namespace}: it is listed, or starts with a listed prefix. */
    public boolean allowsNamespace(String namespace) {
        if (namespace == null || namespace.isEmpty()) {
            return false;
        }
        for (String entry : namespaces) {
            if (entry.endsWith(WILDCARD)
                    ? namespace.startsWith(entry.substring(0, entry.length() - 1))
                    : namespace.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** Whether cluster-scoped objects of {@code kind} may be created. */
    public boolean allowsClusterScopedKind(String kind) {
        return kind != null && clusterScopedKinds.contains(kind);
    }

    /**
     * The user every Kubernetes request of the tenant's releases impersonates
     * ({@code system:serviceaccount:<tenant namespace>:<name>}); empty: Helmdeck's own identity.
     */
    public Optional<String> impersonatedUser(String tenantNamespace) {
        return serviceAccountName == null ? Optional.empty()
                : Optional.of("system:serviceaccount:" + tenantNamespace + ":" + serviceAccountName);
    }
}
