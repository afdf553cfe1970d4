package io.helmdeck.sandbox;

import java.time.Instant;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The namespace lifecycle: a new Namespace is {@code Active}. Deletion does not remove the objects in it. */
final class NamespaceController implements SandboxController {

    @Override
    public void reconcile(KubernetesClient client, Instant now) {
        for (Namespace namespace : client.namespaces().list().getItems()) {
            if (namespace.getMetadata().getDeletionTimestamp() != null
                    || (namespace.getStatus() != null && "Active".equals(namespace.getStatus().getPhase()))) {
                continue;
            }
            namespace.setStatus(new NamespaceStatus(null, "Active"));
            StatusWrites.tryWrite(() -> client.namespaces().resource(namespace).updateStatus());
        }
    }
}
