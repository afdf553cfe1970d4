-- Revision of the stored artifact (tag@sha256:<manifest digest>), compared by workers to skip unchanged syncs.
ALTER TABLE oci_repository_status ADD COLUMN artifact_revision VARCHAR(300);

-- Sync attempts that changed something or failed (unchanged syncs only move the schedule).
CREATE TABLE oci_repository_sync (
    id             BIGSERIAL    PRIMARY KEY,
    repository_id  BIGINT       NOT NULL REFERENCES oci_repository (id) ON DELETE CASCADE,
    finished_at    TIMESTAMPTZ  NOT NULL,
    outcome        VARCHAR(16)  NOT NULL,
    revision       VARCHAR(300),
    reason         VARCHAR(64),
    message        VARCHAR(2048),
    duration_ms    BIGINT       NOT NULL,
    worker         VARCHAR(128)
);
CREATE INDEX oci_repository_sync_repository_idx ON oci_repository_sync (repository_id, id DESC);

-- Content-addressed artifact store, shared by every repository that resolves to the same layer.
CREATE TABLE artifact (
    digest      VARCHAR(71)   PRIMARY KEY,
    media_type  VARCHAR(255)  NOT NULL,
    size        BIGINT        NOT NULL,
    content     BYTEA         NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL
);

-- Claims look for due, unleased rows.
CREATE INDEX oci_repository_status_lease_idx ON oci_repository_status (lease_expires_at);
