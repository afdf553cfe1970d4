package io.helmdeck.release.policy;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.ObjectApplier;
import io.helmdeck.release.kube.ReleaseIdentity;

/**
 * Kind scopes for the policy check at reconcile time: Kubernetes' built-in kinds from a fixed table (no cluster
 * round trip), then the cluster's API discovery for the rest (custom kinds whose CRDs are already installed), asked
 * as the release's identity. A kind neither knows stays unknown, and the check refuses it.
 */
@ApplicationScoped
public class ClusterKindScopes {

    private final ObjectApplier applier;
    private final BuiltInKindScope builtIn = new BuiltInKindScope();

    public ClusterKindScopes(ObjectApplier applier) {
        this.applier = applier;
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
            return applier.servedNamespaced(identity, apiVersion, kind)
                    .map(namespaced -> namespaced ? ClusterPolicyCheck.Scope.NAMESPACED
                            : ClusterPolicyCheck.Scope.CLUSTER);
        } catch (ApplyException e) {
            return Optional.empty();
        }
    }
}
