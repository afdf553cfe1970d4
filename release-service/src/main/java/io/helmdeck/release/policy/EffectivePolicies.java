package io.helmdeck.release.policy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.release.config.TenantConfig;
import io.helmdeck.release.kube.ReleaseIdentity;
import io.helmdeck.release.mapping.ClusterPolicyMapper;
import io.helmdeck.release.persistence.ClusterPolicyRows;
import io.helmdeck.release.persistence.ClusterPolicyStore;
import io.helmdeck.release.persistence.ReleaseState;
import io.smallrye.mutiny.Uni;

/**
 * The cluster policy in force for a tenant: its stored policy, else the platform default (its own namespace, no
 * cluster-scoped kinds, {@code helmdeck.kube.default-service-account}). Reads within the caller's session.
 */
@ApplicationScoped
public class EffectivePolicies implements TenantAccess {

    private final ClusterPolicyStore store;
    private final ClusterPolicyRows rows;
    private final ClusterPolicyMapper mapper;
    private final TenantConfig tenants;
    private final ClusterPolicyConfig config;

    public EffectivePolicies(ClusterPolicyStore store, ClusterPolicyRows rows, ClusterPolicyMapper mapper,
            TenantConfig tenants, ClusterPolicyConfig config) {
        this.store = store;
        this.rows = rows;
        this.mapper = mapper;
        this.tenants = tenants;
        this.config = config;
    }

    /** The policy in force for {@code tenant}; needs an open session (a {@code @WithSession} caller). */
    public Uni<EffectivePolicy> of(String tenant) {
        return store.findByTenant(tenant).map(stored -> stored == null ? defaultFor(tenant) : mapper.toPolicy(stored));
    }

    /**
     * The release with its tenant's policy in force now and the identity it implies attached: the tenant's service
     * account (in the tenant's namespace) when one applies, else Helmdeck's own. Blocking, without a session: for
     * the reconciler and other worker-thread callers.
     */
    @Override
    public ReleaseState attach(ReleaseState state) {
        var stored = rows.find(state.tenant()).await().indefinitely();
        EffectivePolicy policy = stored == null ? defaultFor(state.tenant()) : mapper.toPolicy(stored);
        return state.withAccess(policy, identity(state.tenant(), policy));
    }

    /** Whose rights the tenant's releases use under {@code policy}. */
    public ReleaseIdentity identity(String tenant, EffectivePolicy policy) {
        return policy.serviceAccountName() == null ? ReleaseIdentity.helmdeck()
                : ReleaseIdentity.serviceAccount(tenants.namespaceOf(tenant), policy.serviceAccountName());
    }

    /** The platform default for {@code tenant}: what applies while no policy is stored. */
    public EffectivePolicy defaultFor(String tenant) {
        return new EffectivePolicy(List.of(tenants.namespaceOf(tenant)), List.of(),
                config.defaultServiceAccount().filter(name -> !name.isBlank()).orElse(null), true, 0);
    }
}
