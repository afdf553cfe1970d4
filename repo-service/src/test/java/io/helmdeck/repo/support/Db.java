package io.helmdeck.repo.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct reads of the test database, to check what is really stored. */
public final class Db {

    private Db() {
    }

    /** All values of the first column of {@code sql}, as strings. */
    public static List<String> column(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
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

    /** Runs one update statement. */
    public static void execute(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every column of every row of the tenant's repositories and their status, as one text dump. */
    public static String dumpTenant(String tenant) {
        return String.join("\n", column("select row_to_json(x)::text from (select r.*, s.* from oci_repository r "
                + "join oci_repository_status s on s.repository_id = r.id where r.tenant = ? order by r.name) x", tenant));
    }
}
