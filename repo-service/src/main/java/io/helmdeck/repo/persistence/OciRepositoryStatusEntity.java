package io.helmdeck.repo.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

/**
 * The observed state of one OCI repository; same id as its spec row. Updates write only the columns that
 * changed, so an API request that moves {@code nextSyncAt} never overwrites what a sync report wrote.
 */
@Entity
@DynamicUpdate
@Table(name = "oci_repository_status")
public class OciRepositoryStatusEntity {

    @Id
    @Column(name = "repository_id")
    public Long repositoryId;

    /** Phase as the last sync left it (Pending, Ready, Failed); suspension comes from the spec. */
    public String phase;
    /** JSON array of conditions. */
    public String conditions;
    /** JSON of the last good artifact, or null before the first successful sync. */
    public String artifact;
    @Column(name = "artifact_digest")
    public String artifactDigest;
    @Column(name = "artifact_revision")
    public String artifactRevision;

    @Column(name = "last_sync_at")
    public Instant lastSyncAt;
    @Column(name = "last_success_at")
    public Instant lastSuccessAt;
    @Column(name = "next_sync_at")
    public Instant nextSyncAt;
    @Column(name = "consecutive_failures")
    public int consecutiveFailures;
    @Column(name = "observed_version")
    public Long observedVersion;

    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
}
