package io.helmdeck.repo.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A verified blob, addressed by its sha256 digest. */
@Entity
@Table(name = "artifact")
public class ArtifactEntity {

    @Id
    public String digest;
    @Column(name = "media_type")
    public String mediaType;
    public long size;
    public byte[] content;
    @Column(name = "created_at")
    public Instant createdAt;
}
