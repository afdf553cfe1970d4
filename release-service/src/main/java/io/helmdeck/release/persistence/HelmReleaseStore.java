package io.helmdeck.release.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.ReleasePhase;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.helmdeck.support.persistence.NamePageQuery;
import io.smallrye.mutiny.Uni;

/** Queries over Helm releases and their status rows. */
@ApplicationScoped
public class HelmReleaseStore implements PanacheRepositoryBase<HelmReleaseEntity, Long> {

    private static final String SELECT_JOINED = "select r, s from HelmReleaseEntity r, HelmReleaseStatusEntity s"
            + " where s.releaseId = r.id and r.tenant = :tenant";

    public Uni<StoredRelease> findByName(String tenant, String name) {
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery(SELECT_JOINED + " and r.name = :name", Object[].class)
                .setParameter("tenant", tenant)
                .setParameter("name", name)
                .getSingleResultOrNull())
                .map(row -> row == null ? null : joined(row));
    }

    /**
     * One page ordered by name, starting after {@code afterName}. Keyset paging keeps pages stable while records
     * are added or removed elsewhere in the list. {@code phase} filters on the phase as shown (an uninstall or a
     * suspension wins over what the last reconcile wrote).
     */
    public Uni<List<StoredRelease>> page(String tenant, String afterName, String namePrefix, ReleasePhase phase,
            int limit) {
        NamePageQuery query = new NamePageQuery(SELECT_JOINED, tenant).after(afterName).namePrefix(namePrefix);
        if (phase == ReleasePhase.Uninstalling) {
            query.where("r.deletionRequestedAt is not null");
        } else if (phase == ReleasePhase.Suspended) {
            query.where("r.deletionRequestedAt is null and r.suspend = true");
        } else if (phase != null) {
            query.where("r.deletionRequestedAt is null and r.suspend = false and s.phase = :phase", "phase",
                    phase.name());
        }
        return query.list(limit).map(rows -> rows.stream().map(HelmReleaseStore::joined).toList());
    }

    public Uni<Boolean> existsByName(String tenant, String name) {
        return count("tenant = ?1 and name = ?2", tenant, name).map(n -> n > 0);
    }

    private static StoredRelease joined(Object[] row) {
        return new StoredRelease((HelmReleaseEntity) row[0], (HelmReleaseStatusEntity) row[1]);
    }
}
