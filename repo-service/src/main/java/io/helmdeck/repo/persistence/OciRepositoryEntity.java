package io.helmdeck.repo.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The spec of an OCI repository as stored; never leaves repo-service (the wire speaks common-model). */
@Entity
@Table(name = "oci_repository")
public class OciRepositoryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String tenant;
    public String name;
    public String url;
    /** {@code host[:port]} of {@link #url}, kept for claims that spread work across registries. */
    public String registry;

    @Column(name = "interval_seconds")
    public int intervalSeconds;

    @Column(name = "ref_tag")
    public String refTag;
    @Column(name = "ref_semver")
    public String refSemver;
    @Column(name = "ref_semver_filter")
    public String refSemverFilter;
    @Column(name = "ref_digest")
    public String refDigest;

    @Column(name = "layer_media_type")
    public String layerMediaType;
    @Column(name = "layer_operation")
    public String layerOperation;

    @Column(name = "auth_type")
    public String authType;
    @Column(name = "auth_username")
    public String authUsername;
    /** Encrypted secret; see {@code SecretCipher}. */
    @Column(name = "auth_secret")
    public String authSecret;

    public boolean insecure;
    @Column(name = "ca_certificate")
    public String caCertificate;
    public String timeout;
    public boolean suspend;
    public String description;
    /** JSON object of string labels. */
    public String labels;

    /** Spec version: bumped by Hibernate on every spec change, checked on every update. */
    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
