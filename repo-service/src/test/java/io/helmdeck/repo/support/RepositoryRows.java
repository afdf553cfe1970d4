package io.helmdeck.repo.support;

import io.helmdeck.support.testing.Db;

/** The repository tables of the test database, as stored. */
public final class RepositoryRows {

    private RepositoryRows() {
    }

    /** Every column of every row of the tenant's repositories and their status, as one text dump. */
    public static String dumpTenant(String tenant) {
        return String.join("\n", Db.column("select row_to_json(x)::text from (select r.*, s.* from oci_repository r "
                + "join oci_repository_status s on s.repository_id = r.id where r.tenant = ? order by r.name) x", tenant));
    }
}
