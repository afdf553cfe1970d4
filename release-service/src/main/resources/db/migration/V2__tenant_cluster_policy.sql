-- What a tenant's releases may do in the cluster (issue 11, ADR 0015). No row: the platform default (the tenant's
-- namespace only, no cluster-scoped kinds, the configured default service account).
CREATE TABLE tenant_cluster_policy (
    id                     BIGSERIAL     PRIMARY KEY,
    tenant                 VARCHAR(63)   NOT NULL,
    -- JSON arrays of strings, in the order the admin wrote them.
    namespaces             TEXT          NOT NULL,
    cluster_scoped_kinds   TEXT          NOT NULL DEFAULT '[]',
    -- NULL: Helmdeck's own identity.
    service_account_name   VARCHAR(253),
    -- Starts at 1: version 0 (ETag "0") names the default, so If-Match "0" means "only if none is stored yet".
    version                BIGINT        NOT NULL CHECK (version >= 1),
    created_at             TIMESTAMPTZ   NOT NULL,
    updated_at             TIMESTAMPTZ   NOT NULL,
    CONSTRAINT tenant_cluster_policy_tenant_uk UNIQUE (tenant)
);
