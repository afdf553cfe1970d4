package io.helmdeck.release.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Queries over the kept revisions of releases. */
@ApplicationScoped
public class ReleaseRevisionStore implements PanacheRepositoryBase<ReleaseRevisionEntity, ReleaseRevisionEntity.Key> {

    /** Every kept revision of a release, newest first, without manifests and values (they can be megabytes). */
    public Uni<List<RevisionSummary>> summaries(long releaseId) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                "select new io.helmdeck.release.persistence.RevisionSummary(r.revision, r.chartName, r.chartVersion,"
                        + " r.appVersion, r.sourceRevision, r.sourceDigest, r.valuesDigest, r.status, r.action,"
                        + " r.description, r.startedAt, r.finishedAt)"
                        + " from ReleaseRevisionEntity r where r.releaseId = :id order by r.revision desc",
                RevisionSummary.class)
                .setParameter("id", releaseId)
                .getResultList());
    }

    /** One revision with its manifest and values, or null when it is not kept. */
    public Uni<ReleaseRevisionEntity> find(long releaseId, int revision) {
        return findById(new ReleaseRevisionEntity.Key(releaseId, revision));
    }
}
