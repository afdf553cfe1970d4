package io.helmdeck.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    private static final DatabaseServer EMBEDDED = new DatabaseServer("localhost", 5433, "postgres", "postgres");
    private static final CryptoKey KEY = new CryptoKey("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "local-1");

    @Test
    void repoServiceGetsItsOwnDatabaseInBothUrlFormsAndTheCryptoKey() {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.REPO_SERVICE,
                Optional.of(EMBEDDED), Optional.of(KEY));

        assertThat(env)
                .containsEntry("QUARKUS_HTTP_PORT", "8081")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:5433/helmdeck_repo")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5433/helmdeck_repo")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "postgres")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "postgres")
                .containsEntry("HELMDECK_CRYPTO_KEY", KEY.base64())
                .containsEntry("HELMDECK_CRYPTO_KEY_ID", "local-1")
                .doesNotContainKey("HELMDECK_REPO_SERVICE_URL");
    }

    @Test
    void releaseServiceGetsTheReleaseDatabaseAndFindsRepoServiceButNotTheKey() {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.RELEASE_SERVICE,
                Optional.of(EMBEDDED), Optional.of(KEY));

        assertThat(env)
                .containsEntry("QUARKUS_HTTP_PORT", "8082")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:5433/helmdeck_release")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5433/helmdeck_release")
                .containsEntry("HELMDECK_REPO_SERVICE_URL", "http://localhost:8081")
                .doesNotContainKeys("HELMDECK_CRYPTO_KEY", "HELMDECK_CRYPTO_KEY_ID");
    }

    @Test
    void syncWorkerHasNoDatabaseAndFindsRepoService() {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.SYNC_WORKER,
                Optional.of(EMBEDDED), Optional.of(KEY));

        assertThat(env)
                .containsEntry("QUARKUS_HTTP_PORT", "8083")
                .containsEntry("HELMDECK_REPO_SERVICE_URL", "http://localhost:8081")
                .doesNotContainKeys("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                        "HELMDECK_CRYPTO_KEY");
    }

    @Test
    void aConfiguredDatabaseAndKeyAreLeftToTheInheritedEnvironment() {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.REPO_SERVICE,
                Optional.empty(), Optional.empty());

        assertThat(env.keySet()).noneMatch(key -> key.startsWith("QUARKUS_DATASOURCE_"));
        assertThat(env).doesNotContainKeys("HELMDECK_CRYPTO_KEY", "HELMDECK_CRYPTO_KEY_ID");
    }

    @Test
    void cryptoKeyNeverAppearsInItsStringForm() {
        assertThat(KEY.toString()).doesNotContain(KEY.base64()).contains("local-1");
    }
}
