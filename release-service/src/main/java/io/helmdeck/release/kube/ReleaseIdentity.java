package io.helmdeck.release.kube;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whose rights a Kubernetes request made for a release carries: Helmdeck's own, or a tenant's service account that
 * Helmdeck impersonates ({@code Impersonate-User: system:serviceaccount:<namespace>:<name>}), so that the cluster's
 * own RBAC confines what the release can read and change.
 *
 * @param impersonatedUser the user name to impersonate; {@code null} for Helmdeck's own identity
 */
public record ReleaseIdentity(String impersonatedUser) {

    private static final ReleaseIdentity HELMDECK = new ReleaseIdentity(null);
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
    // DNS-1123 labels (namespace) and subdomains (service account names), as the API server validates them.
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    public ReleaseIdentity {
        if (impersonatedUser != null && impersonatedUser.isBlank()) {
            throw new IllegalArgumentException("an impersonated user name must not be blank");
        }
    }

    /** Helmdeck's own identity: the cluster connection as configured, without impersonation. */
    public static ReleaseIdentity helmdeck() {
        return HELMDECK;
    }

    /** The service account {@code name} in {@code namespace}, impersonated. */
    public static ReleaseIdentity serviceAccount(String namespace, String name) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (!NAMESPACE.matcher(namespace).matches() || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a service account: namespace '" + namespace + "', name '" + name
                    + "'");
        }
        return new ReleaseIdentity(SERVICE_ACCOUNT_PREFIX + namespace + ":" + name);
    }

    /** The user to send in {@code Impersonate-User}, if any. */
    public Optional<String> impersonation() {
        return Optional.ofNullable(impersonatedUser);
    }

    /** Whether requests go out with Helmdeck's own rights. */
    public boolean isHelmdeck() {
        return impersonatedUser == null;
    }

    /** The namespace of an impersonated service account; empty for Helmdeck's own identity or another user. */
    public Optional<String> serviceAccountNamespace() {
        if (impersonatedUser == null || !impersonatedUser.startsWith(SERVICE_ACCOUNT_PREFIX)) {
            return Optional.empty();
        }
        String rest = impersonatedUser.substring(SERVICE_ACCOUNT_PREFIX.length());
        int colon = rest.indexOf(':');
        return colon > 0 ? Optional.of(rest.substring(0, colon)) : Optional.empty();
    }

    /** The name of an impersonated service account; empty for Helmdeck's own identity or another user. */
    public Optional<String> serviceAccountName() {
        return serviceAccountNamespace().map(ns -> impersonatedUser.substring(SERVICE_ACCOUNT_PREFIX.length()
                + ns.length() + 1));
    }

    @Override
    public String toString() {
        return impersonatedUser == null ? "Helmdeck's own identity" : impersonatedUser;
    }
}
