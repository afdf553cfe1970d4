package io.helmdeck.repo.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.helmdeck.support.persistence.NamePageQuery;
import io.smallrye.mutiny.Uni;

/** Queries over OCI repositories and their status rows. */
@ApplicationScoped
public class OciRepositoryStore implements PanacheRepositoryBase<OciRepositoryEntity, Long> {

    private static final String SUSPENDED = "Suspended";
    private static final String SELECT_JOINED = "select r, s from OciRepositoryEntity r, OciRepositoryStatusEntity s"
            + " where s.repositoryId = r.id and r.tenant = :tenant";

    public Uni<StoredRepository> findByName(String tenant, String name) {
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery(SELECT_JOINED + " and r.name = :name", Object[].class)
                .setParameter("tenant", tenant)
                .setParameter("name", name)
                .getSingleResultOrNull())
                .map(row -> row == null ? null : joined(row));
    }

    /**
     * One page ordered by name, starting after {@code afterName}. Keyset paging keeps pages stable while
     * records are added or removed elsewhere in the list.
     */
    public Uni<List<StoredRepository>> page(String tenant, String afterName, String namePrefix, String phase,
            int limit) {
        NamePageQuery query = new NamePageQuery(SELECT_JOINED, tenant).after(afterName).namePrefix(namePrefix);
        if (SUSPENDED.equals(phase)) {
            query.where("r.suspend = true");
        } else if (phase != null) {
            query.where("r.suspend = false and s.phase = :phase", "phase", phase);
        }
        return query.list(limit).map(rows -> rows.stream().map(OciRepositoryStore::joined).toList());
    }

    /** Up to {@code limit} encrypted secrets not under {@code currentKeyId}, by id, after {@code afterId}. */
    public Uni<List<StoredSecret>> secretsNotUnder(String currentKeyId, long afterId, int limit) {
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery("select r.id, r.tenant, r.name, r.authSecret from OciRepositoryEntity r"
                        + " where r.authSecret is not null and r.authSecret not like :current escape '\\'"
                        + " and r.id > :after order by r.id", Object[].class)
                .setParameter("current", NamePageQuery.escapeLike(currentKeyId + ":") + "%")
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new StoredSecret((Long) row[0], (String) row[1],
                        (String) row[2], (String) row[3])).toList());
    }

    /**
     * Replaces a secret unless it changed meanwhile (a user update wins). A bulk update, so the spec version,
     * and with it every client's ETag, stays as it is: the credential is the same, only its sealing changed.
     */
    public Uni<Boolean> replaceSecret(long repositoryId, String expected, String replacement) {
        return update("authSecret = ?1 where id = ?2 and authSecret = ?3", replacement, repositoryId, expected)
                .map(n -> n > 0);
    }

    public Uni<Boolean> existsByName(String tenant, String name) {
        return count("tenant = ?1 and name = ?2", tenant, name).map(n -> n > 0);
    }

    private static StoredRepository joined(Object[] row) {
        return new StoredRepository((OciRepositoryEntity) row[0], (OciRepositoryStatusEntity) row[1]);
    }
}
