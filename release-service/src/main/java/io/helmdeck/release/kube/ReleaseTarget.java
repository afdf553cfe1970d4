package io.helmdeck.release.kube;

import java.util.Objects;

/**
 * The release whose objects are applied: every object gets Helm's labels and annotations for it, namespaced
 * objects without a namespace go to {@code namespace} (the release's {@code targetNamespace}), and every request
 * made for it carries {@code identity} (the tenant's service account, or Helmdeck's own).
 */
public record ReleaseTarget(String releaseName, String namespace, ReleaseIdentity identity) {

    public ReleaseTarget {
        Objects.requireNonNull(identity, "identity");
    }

    /** A release acting with Helmdeck's own identity (no service account applies to its tenant). */
    public ReleaseTarget(String releaseName, String namespace) {
        this(releaseName, namespace, ReleaseIdentity.helmdeck());
    }
}
