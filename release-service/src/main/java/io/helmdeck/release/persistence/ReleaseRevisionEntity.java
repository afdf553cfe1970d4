package io.helmdeck.release.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One kept Helm revision of a release: what was rendered, from which artifact, with which values, and how it went. */
@Entity
@IdClass(ReleaseRevisionEntity.Key.class)
@Table(name = "helm_release_revision")
public class ReleaseRevisionEntity {

    /** Statuses a revision can have, as Helm names them (plus {@code rolled-back}). */
    public static final String DEPLOYED = "deployed";
    public static final String SUPERSEDED = "superseded";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "release_id")
    public Long releaseId;
    @Id
    public int revision;

    @Column(name = "chart_name")
    public String chartName;
    @Column(name = "chart_version")
    public String chartVersion;
    @Column(name = "app_version")
    public String appVersion;
    /** {@code tag@sha256:…} of the source. */
    @Column(name = "source_revision")
    public String sourceRevision;
    @Column(name = "source_digest")
    public String sourceDigest;
    /** The values used, a JSON object. */
    @Column(name = "values_json")
    public String valuesJson;
    @Column(name = "values_digest")
    public String valuesDigest;
    /** The rendered manifest, YAML documents. */
    public String manifest;
    public String notes;
    /** JSON array of inventory entries this revision applied. */
    public String inventory;
    public String status;
    public String action;
    public String description;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Composite key (release, revision). */
    public static class Key implements Serializable {
        public Long releaseId;
        public int revision;

        public Key() {
        }

        public Key(Long releaseId, int revision) {
            this.releaseId = releaseId;
            this.revision = revision;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(releaseId, k.releaseId) && revision == k.revision;
        }

        @Override
        public int hashCode() {
            return Objects.hash(releaseId, revision);
        }
    }
}
