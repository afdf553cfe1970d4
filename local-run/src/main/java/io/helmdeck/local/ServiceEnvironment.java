package io.helmdeck.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Environment variables the launcher adds to a service's own (inherited) environment. */
public final class ServiceEnvironment {

    static final String POSTGRES_USERNAME = "postgres";
    // The embedded server trusts local connections; Quarkus is still given a password so no profile needs one.
    static final String POSTGRES_PASSWORD = "postgres";

    private ServiceEnvironment() {
    }

    /**
     * Variables for one service.
     *
     * @param database  the embedded PostgreSQL, or empty when the caller configured a database itself
     *                  (then the inherited {@code QUARKUS_DATASOURCE_*} variables pass through untouched)
     * @param cryptoKey the key from {@code .helmdeck/crypto-key}, or empty when {@code HELMDECK_CRYPTO_KEY} is inherited
     */
    public static Map<String, String> forService(PlatformService service, Optional<DatabaseServer> database,
                                                 Optional<CryptoKey> cryptoKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        // Plain text lines read better behind the launcher's per-service prefix than JSON records.
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");

        if (service.databaseName() != null) {
            database.ifPresent(db -> {
                env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl(service.databaseName()));
                env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(service.databaseName()));
                env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
                env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
            });
        }
        if (service == PlatformService.REPO_SERVICE) {
            cryptoKey.ifPresent(key -> {
                env.put("HELMDECK_CRYPTO_KEY", key.base64());
                env.put("HELMDECK_CRYPTO_KEY_ID", key.id());
            });
        } else {
            env.put("HELMDECK_REPO_SERVICE_URL", PlatformService.REPO_SERVICE.baseUri().toString());
        }
        return env;
    }
}
