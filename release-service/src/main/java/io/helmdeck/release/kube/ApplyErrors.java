package io.helmdeck.release.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns fabric8 failures into {@link ApplyException}s whose message names the object and the API server's answer. */
final class ApplyErrors {

    private ApplyErrors() {
    }

    /** The API server's own message when it sent a Status, else the client's. Never the request body. */
    static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
            return e.getStatus().getMessage() + " (HTTP " + e.getCode() + ")";
        }
        // Without a Status the client says only "An error has occurred."; the root cause says what (refused, TLS, ...).
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? e.getMessage() : e.getMessage() + " " + root.getMessage();
    }

    static String describe(HasMetadata object) {
        return describe(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    static String describe(String kind, String namespace, String name) {
        return namespace == null ? kind + " " + name : kind + " " + namespace + "/" + name;
    }

    static ApplyException failed(String action, HasMetadata object, KubernetesClientException e) {
        return new ApplyException(action + " " + describe(object) + " failed: " + reason(e), e);
    }
}
