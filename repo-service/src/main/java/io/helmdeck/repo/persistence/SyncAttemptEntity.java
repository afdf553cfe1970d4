package io.helmdeck.repo.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One recorded sync attempt of an OCI repository. */
@Entity
@Table(name = "oci_repository_sync")
public class SyncAttemptEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "repository_id")
    public Long repositoryId;
    @Column(name = "finished_at")
    public Instant finishedAt;
    public String outcome;
    public String revision;
    public String reason;
    public String message;
    @Column(name = "duration_ms")
    public long durationMillis;
    public String worker;
}
