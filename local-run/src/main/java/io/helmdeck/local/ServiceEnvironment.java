package io.helmdeck.local;

import java.nio.file.Path;
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
     * @param database  the embedded PostgreSQL, or empty when the caller configured a database itself (then the
     *                  inherited {@code QUARKUS_DATASOURCE_*} variables name repo-service's database and pass through;
     *                  release-service gets its own database on that server, see {@link SeparateDatabaseUrls})
     * @param cryptoKey the key from {@code .helmdeck/crypto-key}, or empty when {@code HELMDECK_CRYPTO_KEY} is inherited
     * @param credentials the JWT public key and the service tokens, wired as ADR 0013's table says
     * @param inherited the launcher's own environment, which every child inherits
     */
    public static Map<String, String> forService(PlatformService service, Optional<DatabaseServer> database,
                                                 Optional<CryptoKey> cryptoKey, LocalCredentials credentials,
                                                 Map<String, String> inherited)
            throws StartupException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        // Plain text lines read better behind the launcher's per-service prefix than JSON records.
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");

        if (service == PlatformService.PORTAL) {
            // The portal forwards the browser's calls, with the user's own token, to the two APIs.
            env.put("HELMDECK_REPO_SERVICE_URL", PlatformService.REPO_SERVICE.baseUri().toString());
            env.put("HELMDECK_RELEASE_SERVICE_URL", PlatformService.RELEASE_SERVICE.baseUri().toString());
            return env;
        }
        if (service.databaseName() != null) {
            if (database.isPresent()) {
                DatabaseServer db = database.get();
                env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl(service.databaseName()));
                env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(service.databaseName()));
                env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
                env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
            } else {
                env.putAll(SeparateDatabaseUrls.forService(service, inherited));
            }
        }
        if (service == PlatformService.REPO_SERVICE) {
            cryptoKey.ifPresent(key -> {
                env.put("HELMDECK_CRYPTO_KEY", key.base64());
                env.put("HELMDECK_CRYPTO_KEY_ID", key.id());
            });
            // repo-service tells release-service about new revisions and deleted repositories.
            env.put("HELMDECK_RELEASE_SERVICE_URL", PlatformService.RELEASE_SERVICE.baseUri().toString());
        } else {
            env.put("HELMDECK_REPO_SERVICE_URL", PlatformService.REPO_SERVICE.baseUri().toString());
        }
        env.putAll(security(service, credentials));
        return env;
    }

    /**
     * What release-service needs to deploy into the sandbox cluster (ADR 0017): its kubeconfig, and client-side
     * apply, because the sandbox does not implement server-side apply.
     */
    public static Map<String, String> sandboxCluster(Path kubeconfig) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HELMDECK_KUBE_ENABLED", "true");
        env.put("HELMDECK_KUBE_KUBECONFIG", kubeconfig.toAbsolutePath().toString());
        env.put("HELMDECK_KUBE_APPLY_STRATEGY", "client-side");
        return env;
    }

    /**
     * ADR 0013: the services with a user API verify JWTs with the public key; every service sends its own token and
     * accepts the tokens of the services that call it (repo-service: sync-worker and release-service; sync-worker and
     * release-service: repo-service).
     */
    static Map<String, String> security(PlatformService service, LocalCredentials credentials) {
        Map<String, String> env = new LinkedHashMap<>();
        ServiceTokens tokens = credentials.serviceTokens();
        if (service.apiBase() != null) {
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", credentials.jwtKeys().publicKeyFile().toString());
            env.put("MP_JWT_VERIFY_ISSUER", UserToken.ISSUER);
            env.put("MP_JWT_VERIFY_AUDIENCES", UserToken.AUDIENCE);
        }
        env.put("HELMDECK_SERVICE_TOKEN", tokens.of(service));
        if (service == PlatformService.REPO_SERVICE) {
            env.put("HELMDECK_INTERNAL_SYNC_WORKER_TOKEN", tokens.of(PlatformService.SYNC_WORKER));
            env.put("HELMDECK_INTERNAL_RELEASE_SERVICE_TOKEN", tokens.of(PlatformService.RELEASE_SERVICE));
        } else {
            env.put("HELMDECK_INTERNAL_REPO_SERVICE_TOKEN", tokens.of(PlatformService.REPO_SERVICE));
        }
        return env;
    }
}
