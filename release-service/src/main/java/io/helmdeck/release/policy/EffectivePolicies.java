package io.helmdeck.release.policy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.release.config.TenantConfig;
import io.helmdeck.release.mapping.ClusterPolicyMapper;
import io.helmdeck.release.persistence.ClusterPolicyStore;
import io.smallrye.mutiny.Uni;

/**
 * The cluster policy in force for a tenant: its stored policy, else the platform default (its own namespace, no
 * cluster-scoped kinds, {@code helmdeck.kube.default-service-account}). Reads within the caller's session.
 */
@ApplicationScoped
public class EffectivePolicies {

    private final ClusterPolicyStore store;
    private final ClusterPolicyMapper mapper;
    private final TenantConfig tenants;
    private final ClusterPolicyConfig config;

    public EffectivePolicies(ClusterPolicyStore store, ClusterPolicyMapper mapper, TenantConfig tenants,
            ClusterPolicyConfig config) {
        this.store = store;
        this.mapper = mapper;
        this.tenants = tenants;
        this.config = config;
    }

    /** The policy in force for {@code tenant}; needs an open session (a {@code @WithSession} caller). */
    public Uni<EffectivePolicy> of(String tenant) {
        return store.findByTenant(tenant).map(stored -> stored == null ? defaultFor(tenant) : mapper.toPolicy(stored));
    }

    /** The platform default for {@code tenant}: what applies while no policy is stored. */
    public EffectivePolicy defaultFor(String tenant) {
        return new EffectivePolicy(List.of(tenants.namespaceOf(tenant)), List.of(),
                config.defaultServiceAccount().filter(name -> !name.isBlank()).orElse(null), true, 0);
    }
}
