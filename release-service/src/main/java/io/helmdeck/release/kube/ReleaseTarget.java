package io.helmdeck.release.kube;

/**
 * The release whose objects are applied: every object gets Helm's labels and annotations for it, and namespaced
 * objects without a namespace go to {@code namespace} (the release's {@code targetNamespace}).
 */
public record ReleaseTarget(String releaseName, String namespace) {
}
