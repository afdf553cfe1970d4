package io.helmdeck.release.mapping;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.ClusterPolicy;
import io.helmdeck.release.persistence.ClusterPolicyEntity;
import io.helmdeck.release.policy.ClusterPolicySpec;
import io.helmdeck.release.policy.EffectivePolicy;
import io.helmdeck.support.mapping.JsonColumns;

/** Converts between stored cluster policies, the policy the code checks against, and the wire record. */
@ApplicationScoped
public class ClusterPolicyMapper {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JsonColumns columns;

    public ClusterPolicyMapper(ObjectMapper json) {
        this.columns = new JsonColumns(json);
    }

    public EffectivePolicy toPolicy(ClusterPolicyEntity entity) {
        return new EffectivePolicy(read(entity.namespaces), read(entity.clusterScopedKinds),
                entity.serviceAccountName, false, entity.version);
    }

    /** The wire view; {@code entity} null when {@code policy} is the default (it then has no update time). */
    public ClusterPolicy toDto(String tenant, EffectivePolicy policy, ClusterPolicyEntity entity) {
        return new ClusterPolicy(tenant, policy.namespaces(), policy.clusterScopedKinds(),
                policy.serviceAccountName(), policy.isDefault(), policy.version(),
                entity == null ? null : entity.updatedAt);
    }

    public void apply(ClusterPolicySpec spec, ClusterPolicyEntity entity) {
        entity.namespaces = write(spec.namespaces());
        entity.clusterScopedKinds = write(spec.clusterScopedKinds());
        entity.serviceAccountName = spec.serviceAccountName();
    }

    /** Whether {@code entity} already holds exactly {@code spec} (an identical PUT changes nothing). */
    public boolean holds(ClusterPolicyEntity entity, ClusterPolicySpec spec) {
        return toPolicy(entity).namespaces().equals(spec.namespaces())
                && toPolicy(entity).clusterScopedKinds().equals(spec.clusterScopedKinds())
                && Objects.equals(entity.serviceAccountName, spec.serviceAccountName());
    }

    private List<String> read(String column) {
        return column == null ? List.of() : columns.read(column, STRINGS);
    }

    private String write(List<String> values) {
        return columns.write(values);
    }
}
