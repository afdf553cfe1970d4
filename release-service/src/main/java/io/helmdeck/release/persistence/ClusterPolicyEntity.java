package io.helmdeck.release.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A tenant's stored cluster policy; never leaves release-service (the wire speaks {@code ClusterPolicy}). */
@Entity
@Table(name = "tenant_cluster_policy")
public class ClusterPolicyEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String tenant;

    /** JSON array of namespace names and prefixes ending in {@code *}. */
    public String namespaces;

    /** JSON array of kind names. */
    @Column(name = "cluster_scoped_kinds")
    public String clusterScopedKinds;

    /** Null: Helmdeck's own identity. */
    @Column(name = "service_account_name")
    public String serviceAccountName;

    /** Bumped by Hibernate on every change; 1 on insert (0 is the ETag of the unstored default). */
    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
