package io.helmdeck.repo.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The content-addressed artifact store. */
@ApplicationScoped
public class ArtifactStore implements PanacheRepositoryBase<ArtifactEntity, String> {

    private static final String INSERT = """
            INSERT INTO artifact (digest, media_type, size, content, created_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (digest) DO NOTHING RETURNING digest""";

    private final Pool pool;

    public ArtifactStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> exists(String digest) {
        return count("digest", digest).map(n -> n > 0);
    }

    /**
     * Inserts the blob unless that digest is stored already; true when it was new. One statement, so two workers
     * uploading the same blob at once both succeed.
     */
    public Uni<Boolean> insertIfAbsent(String digest, String mediaType, byte[] content, Instant now) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(digest, mediaType, (long) content.length, io.vertx.core.buffer.Buffer.buffer(content),
                        now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Whether {@code digest} is the current artifact of a repository in one of {@code tenants}. */
    public Uni<Boolean> isCurrentIn(String digest, Set<String> tenants) {
        if (tenants.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery("select count(s) from OciRepositoryStatusEntity s, OciRepositoryEntity r"
                        + " where s.repositoryId = r.id and s.artifactDigest = :digest and r.tenant in :tenants",
                        Long.class)
                .setParameter("digest", digest)
                .setParameter("tenants", tenants)
                .getSingleResult())
                .map(n -> n > 0);
    }

    /** Deletes blobs older than {@code cutoff} that no repository's current artifact points at. */
    public Uni<Long> deleteUnreferencedBefore(Instant cutoff) {
        return delete("createdAt < ?1 and digest not in (select s.artifactDigest from OciRepositoryStatusEntity s "
                + "where s.artifactDigest is not null)", cutoff);
    }
}
