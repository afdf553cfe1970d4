package io.helmdeck.release.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Stored cluster policies, one per tenant at most. */
@ApplicationScoped
public class ClusterPolicyStore implements PanacheRepositoryBase<ClusterPolicyEntity, Long> {

    /** The tenant's stored policy, or null when it has none (the default applies). */
    public Uni<ClusterPolicyEntity> findByTenant(String tenant) {
        return find("tenant", tenant).firstResult();
    }
}
