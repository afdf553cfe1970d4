package io.helmdeck.release.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct reads and writes of the test database: what is really stored, and rows only a reconcile would write. */
public final class Db {

    private Db() {
    }

    /** All values of the first column of {@code sql}, as strings. */
    public static List<String> column(String sql, Object... params) {
        try (Connection c = connect(); var statement = c.prepareStatement(sql)) {
            bind(statement, params);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one update statement; returns the number of rows changed. */
    public static int execute(String sql, Object... params) {
        try (Connection c = connect(); var statement = c.prepareStatement(sql)) {
            bind(statement, params);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every column of every row of the tenant's releases, their status and revisions, as one text dump. */
    public static String dumpTenant(String tenant) {
        return String.join("\n", column("select row_to_json(x)::text from (select r.*, s.* from helm_release r "
                + "join helm_release_status s on s.release_id = r.id where r.tenant = ? order by r.name) x", tenant))
                + "\n" + String.join("\n", column("select row_to_json(v)::text from helm_release_revision v "
                + "join helm_release r on r.id = v.release_id where r.tenant = ? order by r.name, v.revision", tenant));
    }

    /** The id of a release. */
    public static long releaseId(String tenant, String name) {
        return Long.parseLong(column("select id from helm_release where tenant = ? and name = ?", tenant, name).get(0));
    }

    /**
     * Inserts a revision as the reconciler would, with manifest {@code manifest-N} and values {@code {"rev": N}}.
     */
    public static void insertRevision(long releaseId, int revision, String status) {
        execute("insert into helm_release_revision (release_id, revision, chart_name, chart_version, app_version,"
                + " source_revision, source_digest, values_json, values_digest, manifest, inventory, status, action,"
                + " description, started_at, finished_at) values (?, ?, 'podinfo', ?, '6.5.0', ?, 'sha256:abc', ?,"
                + " 'sha256:def', ?, '[]', ?, ?, 'test', now() - interval '1 minute' * (100 - ?), now())",
                releaseId, revision, "6.5." + revision, "6.5." + revision + "@sha256:abc",
                "{\"rev\":" + revision + ",\"b\":1,\"a\":2}", "apiVersion: v1\nkind: ConfigMap\n# manifest-" + revision + "\n",
                status, revision == 1 ? "install" : "upgrade", revision);
    }

    /** Marks {@code revision} deployed with one inventory object, as a successful reconcile would. */
    public static void markDeployed(long releaseId, int revision) {
        execute("update helm_release_status set current_revision = ?, phase = 'Deployed', inventory ="
                + " '[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"namespace\":\"ns\",\"name\":\"cm\"}]'"
                + " where release_id = ?", revision, releaseId);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
    }

    private static void bind(java.sql.PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }
}
