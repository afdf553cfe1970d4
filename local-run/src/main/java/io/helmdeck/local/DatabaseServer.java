package io.helmdeck.local;

/** Connection settings of the PostgreSQL server the launcher started, as handed to the services. */
public record DatabaseServer(String host, int port, String username, String password) {

    /** URL form used by the Quarkus reactive PostgreSQL client. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** URL form used by JDBC (Flyway). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
