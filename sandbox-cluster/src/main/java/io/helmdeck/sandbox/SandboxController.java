package io.helmdeck.sandbox;

import java.time.Instant;

import io.fabric8.kubernetes.client.KubernetesClient;

/** One simulated Kubernetes controller: looks at the stored objects of its kind and writes their status. */
interface SandboxController {

    /** One pass over every object of the kind; writes only the statuses that change. */
    void reconcile(KubernetesClient client, Instant now);
}
