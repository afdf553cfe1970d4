package io.helmdeck.release.support;

import io.helmdeck.support.testing.Db;

/** The release tables of the test database: what is really stored, and rows only a reconcile would write. */
public final class ReleaseRows {

    private ReleaseRows() {
    }

    /** Every column of every row of the tenant's releases, their status and revisions, as one text dump. */
    public static String dumpTenant(String tenant) {
        return String.join("\n", Db.column("select row_to_json(x)::text from (select r.*, s.* from helm_release r "
                + "join helm_release_status s on s.release_id = r.id where r.tenant = ? order by r.name) x", tenant))
                + "\n" + String.join("\n", Db.column("select row_to_json(v)::text from helm_release_revision v "
                + "join helm_release r on r.id = v.release_id where r.tenant = ? order by r.name, v.revision", tenant));
    }

    /** The id of a release. */
    public static long releaseId(String tenant, String name) {
        return Long.parseLong(Db.column("select id from helm_release where tenant = ? and name = ?", tenant, name).get(0));
    }

    /**
     * Inserts a revision as the reconciler would, with manifest {@code manifest-N} and values {@code {"rev": N}}.
     */
    public static void insertRevision(long releaseId, int revision, String status) {
        Db.execute("insert into helm_release_revision (release_id, revision, chart_name, chart_version, app_version,"
                + " source_revision, source_digest, values_json, values_digest, manifest, inventory, status, action,"
                + " description, started_at, finished_at) values (?, ?, 'podinfo', ?, '6.5.0', ?, 'sha256:abc', ?,"
                + " 'sha256:def', ?, '[]', ?, ?, 'test', now() - interval '1 minute' * (100 - ?), now())",
                releaseId, revision, "6.5." + revision, "6.5." + revision + "@sha256:abc",
                "{\"rev\":" + revision + ",\"b\":1,\"a\":2}", "apiVersion: v1\nkind: ConfigMap\n# manifest-" + revision + "\n",
                status, revision == 1 ? "install" : "upgrade", revision);
    }

    /** Marks {@code revision} deployed with one inventory object, as a successful reconcile would. */
    public static void markDeployed(long releaseId, int revision) {
        Db.execute("update helm_release_status set current_revision = ?, phase = 'Deployed', inventory ="
                + " '[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"namespace\":\"ns\",\"name\":\"cm\"}]'"
                + " where release_id = ?", revision, releaseId);
    }
}
