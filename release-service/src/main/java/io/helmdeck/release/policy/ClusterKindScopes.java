package io.helmdeck.release.policy;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.ObjectApplier;
import io.helmdeck.release.kube.ReleaseIdentity;
import io.quarkus.runtime.StartupEvent;

/**
 * Kind scopes for the policy check at reconcile time: Kubernetes' built-in kinds from a fixed table (no cluster
 * round trip), then the cluster's API discovery for the rest (custom kinds whose CRDs are already installed), asked
 * as the release's identity. A kind whose discovery fails stays unknown, and the check refuses it.
 */
@ApplicationScoped
public class ClusterKindScopes {

    private final ObjectApplier applier;
    private final BuiltInKindScope builtIn = new BuiltInKindScope();

    public ClusterKindScopes(ObjectApplier applier) {
        this.applier = applier;
    }

    /**
     * The first look-up in fabric8's model loads its whole type registry (≈10 s on the shared 2-core machine); done
     * at start-up on a thread of its own so neither the event loop nor the first reconcile waits for it.
     */
    void warm(@Observes StartupEvent started) {
        Thread warming = new Thread(() -> builtIn.of("v1", "ConfigMap"), "helmdeck-kind-scopes-warm-up");
        warming.setDaemon(true);
        warming.start();
    }

    /** Scopes as {@code identity} sees them; a discovery that fails counts as unknown (refused, never let through). */
    public ClusterPolicyCheck.KindScope as(ReleaseIdentity identity) {
        return (apiVersion, kind) -> builtIn.of(apiVersion, kind).or(() -> discovered(identity, apiVersion, kind));
    }

    private Optional<ClusterPolicyCheck.Scope> discovered(ReleaseIdentity identity, String apiVersion, String kind) {
        if (apiVersion == null || kind == null) {
            return Optional.empty();
        }
        try {
            // A kind the cluster does not serve cannot be created at all: judged as namespaced, so an object of it
            // in an allowed namespace reaches the apply and fails there as Helm's would ("no matches for kind"),
            // with the usual retries and remediation; elsewhere it is refused. Only a discovery that fails leaves
            // the scope unknown.
            return Optional.of(applier.servedNamespaced(identity, apiVersion, kind)
                    .map(namespaced -> namespaced ? ClusterPolicyCheck.Scope.NAMESPACED
                            : ClusterPolicyCheck.Scope.CLUSTER)
                    .orElse(ClusterPolicyCheck.Scope.NAMESPACED));
        } catch (ApplyException e) {
            return Optional.empty();
        }
    }
}
