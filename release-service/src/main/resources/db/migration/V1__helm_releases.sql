-- Helm releases: the spec a client writes (versioned for optimistic concurrency) ...
CREATE TABLE helm_release (
    id                     BIGSERIAL     PRIMARY KEY,
    tenant                 VARCHAR(63)   NOT NULL,
    name                   VARCHAR(53)   NOT NULL,
    source_type            VARCHAR(32)   NOT NULL,
    source_name            VARCHAR(63)   NOT NULL,
    release_name           VARCHAR(53)   NOT NULL,
    target_namespace       VARCHAR(63)   NOT NULL,
    -- JSON object as the client wrote it (text keeps key order; jsonb would not).
    values_json            TEXT          NOT NULL DEFAULT '{}',
    interval_seconds       INTEGER       NOT NULL CHECK (interval_seconds BETWEEN 10 AND 3599),
    timeout                VARCHAR(64)   NOT NULL,
    create_namespace       BOOLEAN       NOT NULL DEFAULT FALSE,
    install_retries        INTEGER       NOT NULL DEFAULT 0 CHECK (install_retries BETWEEN 0 AND 10),
    upgrade_retries        INTEGER       NOT NULL DEFAULT 0 CHECK (upgrade_retries BETWEEN 0 AND 10),
    upgrade_strategy       VARCHAR(16)   NOT NULL CHECK (upgrade_strategy IN ('rollback', 'uninstall')),
    max_history            INTEGER       NOT NULL CHECK (max_history BETWEEN 1 AND 100),
    suspend                BOOLEAN       NOT NULL DEFAULT FALSE,
    description            VARCHAR(1024),
    labels                 TEXT          NOT NULL DEFAULT '{}',
    version                BIGINT        NOT NULL,
    created_at             TIMESTAMPTZ   NOT NULL,
    updated_at             TIMESTAMPTZ   NOT NULL,
    -- Set by DELETE of a release that has objects in the cluster; the reconciler uninstalls, then removes the rows.
    deletion_requested_at  TIMESTAMPTZ,
    CONSTRAINT helm_release_tenant_name_uk UNIQUE (tenant, name)
);

-- Source events ("OCI repository X of tenant T changed") find the releases to wake up.
CREATE INDEX helm_release_source_idx ON helm_release (tenant, source_name);

-- ... the state reconciles observe, in a row of its own so a reconcile never bumps the spec's version ...
CREATE TABLE helm_release_status (
    release_id               BIGINT       PRIMARY KEY REFERENCES helm_release (id) ON DELETE CASCADE,
    phase                    VARCHAR(32)  NOT NULL,
    conditions               TEXT         NOT NULL DEFAULT '[]',
    last_applied_revision    VARCHAR(256),
    last_attempted_revision  VARCHAR(256),
    current_revision         INTEGER,
    -- JSON array of {apiVersion, kind, namespace, name} of every object the current revision applied.
    inventory                TEXT         NOT NULL DEFAULT '[]',
    failures                 INTEGER      NOT NULL DEFAULT 0,
    last_reconcile_at        TIMESTAMPTZ,
    next_reconcile_at        TIMESTAMPTZ  NOT NULL,
    observed_version         BIGINT,
    lease_holder             VARCHAR(128),
    lease_expires_at         TIMESTAMPTZ,
    -- A requested rollback the reconciler has not done yet: a revision number, 0 = the previous successful one.
    rollback_to              INTEGER      CHECK (rollback_to >= 0),
    install_attempts         INTEGER      NOT NULL DEFAULT 0,
    upgrade_attempts         INTEGER      NOT NULL DEFAULT 0
);

-- The reconciler's claim: due rows whose lease is free (an expired lease is found through the second index).
CREATE INDEX helm_release_status_due_idx ON helm_release_status (next_reconcile_at) WHERE lease_holder IS NULL;
CREATE INDEX helm_release_status_lease_idx ON helm_release_status (lease_expires_at) WHERE lease_holder IS NOT NULL;
CREATE INDEX helm_release_status_phase_idx ON helm_release_status (phase);

-- ... and the kept Helm revisions (at most maxHistory), each with what it rendered and applied.
CREATE TABLE helm_release_revision (
    release_id       BIGINT        NOT NULL REFERENCES helm_release (id) ON DELETE CASCADE,
    revision         INTEGER       NOT NULL CHECK (revision >= 1),
    chart_name       VARCHAR(255),
    chart_version    VARCHAR(128),
    app_version      VARCHAR(128),
    source_revision  VARCHAR(256),
    source_digest    VARCHAR(71),
    values_json      TEXT          NOT NULL DEFAULT '{}',
    values_digest    VARCHAR(71),
    manifest         TEXT,
    notes            TEXT,
    inventory        TEXT          NOT NULL DEFAULT '[]',
    status           VARCHAR(32)   NOT NULL,
    action           VARCHAR(16)   NOT NULL,
    description      TEXT,
    started_at       TIMESTAMPTZ   NOT NULL,
    finished_at      TIMESTAMPTZ,
    PRIMARY KEY (release_id, revision)
);
