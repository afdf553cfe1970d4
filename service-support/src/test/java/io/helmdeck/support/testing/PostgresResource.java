package io.helmdeck.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real, empty PostgreSQL (embedded binaries) for the tests, its data under target/. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pgdata-");
            postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = postgres.getPort();
        return Map.of(
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.jdbc.url", jdbcUrl());
    }

    /** JDBC URL of the running database, for tests that look at rows directly. */
    public static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
