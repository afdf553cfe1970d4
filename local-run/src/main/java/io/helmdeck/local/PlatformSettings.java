package io.helmdeck.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What the launcher reads from its environment and system properties.
 *
 * @param root              project root: the services' jars are under it and the local state in {@code .helmdeck/}
 * @param postgresPort      port of the embedded PostgreSQL
 * @param externalDatabase  a database URL was given, so no embedded PostgreSQL is started
 * @param externalCryptoKey a crypto key was given, so the key file is neither read nor created
 */
public record PlatformSettings(Path root, int postgresPort, boolean externalDatabase, boolean externalCryptoKey) {

    static final String ROOT_PROPERTY = "helmdeck.root";
    static final String POSTGRES_PORT_ENV = "HELMDECK_LOCAL_PG_PORT";
    static final int DEFAULT_POSTGRES_PORT = 5433;
    static final String REACTIVE_URL_ENV = "QUARKUS_DATASOURCE_REACTIVE_URL";
    static final String CRYPTO_KEY_ENV = "HELMDECK_CRYPTO_KEY";

    /** Reads the settings; the working directory is the project root unless {@code -Dhelmdeck.root} says otherwise. */
    public static PlatformSettings from(Map<String, String> env, Properties properties) throws StartupException {
        String rootProperty = properties.getProperty(ROOT_PROPERTY);
        Path root = Path.of(isBlank(rootProperty) ? properties.getProperty("user.dir", ".") : rootProperty)
                .toAbsolutePath().normalize();
        return new PlatformSettings(
                root,
                postgresPort(env.get(POSTGRES_PORT_ENV)),
                !isBlank(env.get(REACTIVE_URL_ENV)),
                !isBlank(env.get(CRYPTO_KEY_ENV)));
    }

    private static int postgresPort(String value) throws StartupException {
        if (isBlank(value)) {
            return DEFAULT_POSTGRES_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as an out-of-range number
        }
        throw new StartupException(POSTGRES_PORT_ENV + " must be a port number between 1 and 65535, got '" + value + "'");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Folder of everything the local run keeps between restarts (ignored by git). */
    public Path stateDirectory() {
        return root.resolve(".helmdeck");
    }

    public Path postgresDataDirectory() {
        return stateDirectory().resolve("pgdata");
    }

    public Path cryptoKeyFile() {
        return stateDirectory().resolve("crypto-key");
    }

    /** Signs the user tokens the launcher mints; never given to a service. */
    public Path jwtPrivateKeyFile() {
        return stateDirectory().resolve("jwt-private.pem");
    }

    /** What repo-service and release-service verify user tokens with. */
    public Path jwtPublicKeyFile() {
        return stateDirectory().resolve("jwt-public.pem");
    }

    /** One file per service holding its service token. */
    public Path serviceTokenDirectory() {
        return stateDirectory().resolve("service-tokens");
    }

    public Path logDirectory() {
        return stateDirectory().resolve("logs");
    }

    public Path logFile(String name) {
        return logDirectory().resolve(name + ".log");
    }
}
