package io.helmdeck.release.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The spec of a Helm release as stored; never leaves release-service (the wire speaks common-model). */
@Entity
@Table(name = "helm_release")
public class HelmReleaseEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String tenant;
    public String name;

    @Column(name = "source_type")
    public String sourceType;
    @Column(name = "source_name")
    public String sourceName;
    @Column(name = "release_name")
    public String releaseName;
    @Column(name = "target_namespace")
    public String targetNamespace;

    /** The values as a JSON object, in the client's key order. */
    @Column(name = "values_json")
    public String valuesJson;

    @Column(name = "interval_seconds")
    public int intervalSeconds;
    /** Go duration text, e.g. {@code 5m}. */
    public String timeout;

    @Column(name = "create_namespace")
    public boolean createNamespace;
    @Column(name = "install_retries")
    public int installRetries;
    @Column(name = "upgrade_retries")
    public int upgradeRetries;
    /** {@code rollback} or {@code uninstall}. */
    @Column(name = "upgrade_strategy")
    public String upgradeStrategy;
    @Column(name = "max_history")
    public int maxHistory;
    @Column(name = "install_disable_wait")
    public boolean installDisableWait;
    @Column(name = "install_disable_wait_for_jobs")
    public boolean installDisableWaitForJobs;
    @Column(name = "upgrade_disable_wait")
    public boolean upgradeDisableWait;
    @Column(name = "upgrade_disable_wait_for_jobs")
    public boolean upgradeDisableWaitForJobs;
    @Column(name = "rollback_disable_wait")
    public boolean rollbackDisableWait;

    public boolean suspend;
    public String description;
    /** JSON object of string labels. */
    public String labels;
    /** The driftDetection the client wrote, as JSON; null = the defaults. */
    @Column(name = "drift_detection")
    public String driftDetection;

    /** Spec version: bumped by Hibernate on every spec change, checked on every update; also the ETag. */
    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Set when a DELETE asked for an uninstall; the reconciler removes the rows once the objects are gone. */
    @Column(name = "deletion_requested_at")
    public Instant deletionRequestedAt;
}
