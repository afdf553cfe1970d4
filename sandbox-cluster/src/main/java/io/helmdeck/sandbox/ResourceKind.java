package io.helmdeck.sandbox;

import java.util.List;

/**
 * One kind the sandbox serves, as discovery describes it.
 *
 * @param group      API group, {@code ""} for the core group
 * @param plural     resource name in paths ({@code deployments})
 * @param namespaced whether objects live in a namespace
 * @param status     whether it has a {@code status} subresource: writes to the object then keep the stored status,
 *                   as a real API server does, and only {@code .../status} changes it
 */
public record ResourceKind(String group, String version, String kind, String plural, boolean namespaced,
        boolean status, List<String> shortNames) {

    static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String singular() {
        return kind.toLowerCase(java.util.Locale.ROOT);
    }
}
