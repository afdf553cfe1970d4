package io.helmdeck.repo.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Sync history rows, newest first, bounded per repository. */
@ApplicationScoped
public class SyncAttemptStore implements PanacheRepositoryBase<SyncAttemptEntity, Long> {

    public Uni<List<SyncAttemptEntity>> latest(long repositoryId, int limit) {
        return find("repositoryId", Sort.descending("id"), repositoryId).page(Page.ofSize(limit)).list();
    }

    /** Keeps only the newest {@code keep} attempts of a repository. */
    public Uni<Long> prune(long repositoryId, int keep) {
        return delete("repositoryId = ?1 and id not in (select a.id from SyncAttemptEntity a where a.repositoryId = ?1 "
                + "order by a.id desc limit ?2)", repositoryId, keep);
    }
}
