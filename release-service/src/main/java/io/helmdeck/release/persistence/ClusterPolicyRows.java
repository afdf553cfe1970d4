package io.helmdeck.release.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A tenant's stored cluster policy read in plain SQL, for the reconciler's worker threads (which have no Hibernate
 * Reactive session, as {@link ReleaseStateStore}); the API reads and writes it through {@link ClusterPolicyStore}.
 */
@ApplicationScoped
public class ClusterPolicyRows {

    private static final String FIND = """
            SELECT namespaces, cluster_scoped_kinds, service_account_name, version
              FROM tenant_cluster_policy WHERE tenant = $1""";

    private final Pool pool;

    public ClusterPolicyRows(Pool pool) {
        this.pool = pool;
    }

    /** The tenant's stored policy as an unmanaged entity, or null when none is stored (the default applies). */
    public Uni<ClusterPolicyEntity> find(String tenant) {
        return pool.preparedQuery(FIND).execute(Tuple.of(tenant)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return null;
            }
            Row r = rows.iterator().next();
            ClusterPolicyEntity entity = new ClusterPolicyEntity();
            entity.tenant = tenant;
            entity.namespaces = r.getString(0);
            entity.clusterScopedKinds = r.getString(1);
            entity.serviceAccountName = r.getString(2);
            entity.version = r.getLong(3);
            return entity;
        });
    }
}
