-- OCI repositories: the spec a client writes (versioned for optimistic concurrency) ...
CREATE TABLE oci_repository (
    id                 BIGSERIAL PRIMARY KEY,
    tenant             VARCHAR(63)   NOT NULL,
    name               VARCHAR(63)   NOT NULL,
    url                VARCHAR(300)  NOT NULL,
    interval_seconds   INTEGER       NOT NULL CHECK (interval_seconds BETWEEN 10 AND 3599),
    ref_tag            VARCHAR(128),
    ref_semver         VARCHAR(256),
    ref_semver_filter  VARCHAR(256),
    ref_digest         VARCHAR(71),
    layer_media_type   VARCHAR(255)  NOT NULL,
    layer_operation    VARCHAR(16)   NOT NULL CHECK (layer_operation IN ('extract', 'copy')),
    auth_type          VARCHAR(32)   NOT NULL CHECK (auth_type IN ('none', 'basic', 'bearer', 'dockerconfigjson')),
    auth_username      VARCHAR(255),
    -- "<key id>:<base64(nonce || AES-GCM ciphertext)>"; never leaves the service in clear text.
    auth_secret        TEXT,
    insecure           BOOLEAN       NOT NULL DEFAULT FALSE,
    ca_certificate     TEXT,
    timeout            VARCHAR(32)   NOT NULL,
    suspend            BOOLEAN       NOT NULL DEFAULT FALSE,
    description        VARCHAR(1024),
    labels             TEXT          NOT NULL DEFAULT '{}',
    version            BIGINT        NOT NULL,
    created_at         TIMESTAMPTZ   NOT NULL,
    updated_at         TIMESTAMPTZ   NOT NULL,
    CONSTRAINT oci_repository_tenant_name_uk UNIQUE (tenant, name)
);

-- ... and the state syncs observe, in a row of its own so a sync never bumps the spec's version.
CREATE TABLE oci_repository_status (
    repository_id        BIGINT       PRIMARY KEY REFERENCES oci_repository (id) ON DELETE CASCADE,
    phase                VARCHAR(16)  NOT NULL,
    conditions           TEXT         NOT NULL DEFAULT '[]',
    artifact             TEXT,
    artifact_digest      VARCHAR(71),
    last_sync_at         TIMESTAMPTZ,
    last_success_at      TIMESTAMPTZ,
    next_sync_at         TIMESTAMPTZ  NOT NULL,
    consecutive_failures INTEGER      NOT NULL DEFAULT 0,
    observed_version     BIGINT,
    lease_owner          VARCHAR(128),
    lease_expires_at     TIMESTAMPTZ
);

CREATE INDEX oci_repository_status_due_idx ON oci_repository_status (next_sync_at);
CREATE INDEX oci_repository_status_phase_idx ON oci_repository_status (phase);
