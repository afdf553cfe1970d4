package io.helmdeck.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What impersonated users may reach besides the default: a service account
 * ({@code system:serviceaccount:<namespace>:<name>}) may use everything in its own namespace and nothing else, like
 * an account bound to {@code admin} by one RoleBinding there. Grants add namespaces or cluster-scoped resources, as
 * more RoleBindings or a ClusterRole would. Thread-safe; changes apply to the next request.
 */
public final class AccessGrants {

    /** Grants every resource of a group, or with {@code "*"} as group every group. */
    public static final String ALL = "*";

    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private final Map<String, Set<String>> namespaces = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> clusterResources = new ConcurrentHashMap<>();

    /** Helm's and Kubernetes' user name for a service account. */
    public static String serviceAccount(String namespace, String name) {
        return SERVICE_ACCOUNT_PREFIX + namespace + ":" + name;
    }

    /** Lets {@code user} use every namespaced resource in {@code namespace}. */
    public AccessGrants allowNamespace(String user, String namespace) {
        namespaces.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(namespace);
        return this;
    }

    /**
     * Lets {@code user} use a cluster-scoped resource (e.g. group {@code apiextensions.k8s.io}, resource
     * {@code customresourcedefinitions}; group {@code ""}, resource {@code namespaces}) and list or watch namespaced
     * resources of that group and name across all namespaces. {@link #ALL} as resource grants the whole group.
     */
    public AccessGrants allowClusterResource(String user, String group, String resource) {
        clusterResources.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(group + "/" + resource);
        return this;
    }

    /** Removes every grant. */
    public void clear() {
        namespaces.clear();
        clusterResources.clear();
    }

    /** Whether {@code user} may make a request at {@code path}. */
    boolean allows(String user, ApiPath path) {
        if (path.namespace() != null) {
            return homeNamespace(user).map(path.namespace()::equals).orElse(false)
                    || namespaces.getOrDefault(user, Set.of()).contains(path.namespace());
        }
        Set<String> granted = clusterResources.getOrDefault(user, Set.of());
        return granted.contains(path.group() + "/" + path.resource())
                || granted.contains(path.group() + "/" + ALL)
                || granted.contains(ALL + "/" + ALL);
    }

    private static java.util.Optional<String> homeNamespace(String user) {
        if (!user.startsWith(SERVICE_ACCOUNT_PREFIX)) {
            return java.util.Optional.empty();
        }
        String[] parts = user.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", 2);
        return parts.length == 2 ? java.util.Optional.of(parts[0]) : java.util.Optional.empty();
    }
}
