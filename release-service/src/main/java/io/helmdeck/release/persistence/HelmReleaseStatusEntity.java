package io.helmdeck.release.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

/**
 * The observed state of one Helm release; same id as its spec row. Updates write only the columns that changed,
 * so an API request that moves {@code nextReconcileAt} never overwrites what a reconcile wrote.
 */
@Entity
@DynamicUpdate
@Table(name = "helm_release_status")
public class HelmReleaseStatusEntity {

    @Id
    @Column(name = "release_id")
    public Long releaseId;

    /** A {@link io.helmdeck.model.ReleasePhase} name as the last reconcile (or a DELETE) left it. */
    public String phase;
    /** JSON array of conditions. */
    public String conditions;
    @Column(name = "last_applied_revision")
    public String lastAppliedRevision;
    @Column(name = "last_attempted_revision")
    public String lastAttemptedRevision;
    /** Helm revision number deployed now, null before the first successful install. */
    @Column(name = "current_revision")
    public Integer currentRevision;
    /** JSON array of inventory entries. */
    public String inventory;
    public int failures;
    /** JSON array of drifted objects; written only by the reconciler's drift check (ReleaseDrift), read here. */
    @Column(name = "drift", insertable = false, updatable = false)
    public String drift;

    @Column(name = "last_reconcile_at")
    public Instant lastReconcileAt;
    /** When the release is due; now on create, on a spec change and on reconcile/rollback/delete requests. */
    @Column(name = "next_reconcile_at")
    public Instant nextReconcileAt;
    @Column(name = "observed_version")
    public Long observedVersion;

    @Column(name = "lease_holder")
    public String leaseHolder;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    /** Requested rollback not yet done: a revision number, 0 meaning the previous successful revision. */
    @Column(name = "rollback_to")
    public Integer rollbackTo;
    @Column(name = "install_attempts")
    public int installAttempts;
    @Column(name = "upgrade_attempts")
    public int upgradeAttempts;
}
