package io.helmdeck.release.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One PostgreSQL session advisory lock per reconcile replica id, held on a connection kept for that purpose. While a
 * process holds it no other live process runs under that id; PostgreSQL drops the lock when the holding session
 * ends, including when the process was killed, so whoever gets it next knows that leases left under the id belong
 * to a process that is gone (ADR 0024).
 */
@ApplicationScoped
public class ReplicaLocks {

    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtextextended($1, 0))";
    private static final String KEY_PREFIX = "helmdeck-reconcile-replica:";

    private final Pool pool;

    public ReplicaLocks(Pool pool) {
        this.pool = pool;
    }

    /**
     * Takes the lock of {@code replicaId}; the connection that holds it, which the caller keeps open for as long as
     * it needs the lock, or null when another live session holds it.
     */
    public Uni<SqlConnection> tryHold(String replicaId) {
        return pool.getConnection().flatMap(connection -> connection.preparedQuery(TRY_LOCK)
                .execute(Tuple.of(KEY_PREFIX + replicaId))
                .map(rows -> rows.iterator().next().getBoolean(0))
                .onFailure().call(connection::close)
                .flatMap(held -> held ? Uni.createFrom().item(connection)
                        : connection.close().replaceWith((SqlConnection) null)));
    }
}
