package io.helmdeck.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.regex.Pattern;

/** A PostgreSQL server from zonky's embedded binaries whose data stays in a folder across restarts. */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final DatabaseServer server;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.server = new DatabaseServer("localhost", postgres.getPort(),
                ServiceEnvironment.POSTGRES_USERNAME, ServiceEnvironment.POSTGRES_PASSWORD);
    }

    /** Starts PostgreSQL on {@code port} with its data in {@code dataDirectory}, writing its output to {@code logFile}. */
    public static EmbeddedDatabase start(Path dataDirectory, int port, Path logFile) throws StartupException {
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // The launcher's own shutdown hook stops the services before the database.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Three services with a reactive pool and a JDBC pool each exceed PostgreSQL's default of 100.
                    .setServerConfig("max_connections", "300")
                    // zonky tunes for throw-away test data (-F, no synchronous commit); this data is meant to last.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new EmbeddedDatabase(postgres);
        } catch (IOException | RuntimeException e) {
            throw new StartupException("embedded PostgreSQL did not start on port " + port + " with data in "
                    + dataDirectory + " (" + e.getMessage() + "); see its log: " + logFile
                    + ". If a previous run crashed during its first start, delete " + dataDirectory
                    + " and try again.", e);
        }
    }

    public DatabaseServer server() {
        return server;
    }

    /** Creates each database that does not exist yet; existing ones and their data are left alone. */
    public void createDatabasesIfMissing(Collection<String> names) throws StartupException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String name : names) {
                if (!DATABASE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("not a plain database name: " + name);
                }
                if (!exists(connection, name)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE " + name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StartupException("cannot create the databases " + names + " in the embedded PostgreSQL: "
                    + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Stops PostgreSQL (fast shutdown); the data folder stays. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
