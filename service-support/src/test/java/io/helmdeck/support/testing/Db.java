package io.helmdeck.support.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct reads and writes of the test database (the one {@link PostgresResource} runs): what is really stored. */
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

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
    }

    private static void bind(java.sql.PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }
}
