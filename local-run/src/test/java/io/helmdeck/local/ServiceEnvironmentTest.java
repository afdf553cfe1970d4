package io.helmdeck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceEnvironmentTest {

    private static final DatabaseServer EMBEDDED = new DatabaseServer("localhost", 5433, "postgres", "postgres");
    private static final Map<String, String> EXTERNAL = Map.of(
            "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://db.internal:5432/helmdeck_repo?sslmode=require",
            "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db.internal:5432/helmdeck_repo?sslmode=require",
            "QUARKUS_DATASOURCE_USERNAME", "helmdeck");
    private static final CryptoKey KEY = new CryptoKey("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "local-1");

    @TempDir
    static Path root;
    static LocalCredentials credentials;

    @BeforeAll
    static void createCredentials() throws Exception {
        credentials = LocalCredentials.loadOrCreate(new PlatformSettings(root, 5433, false, false));
    }

    static String token(PlatformService service) {
        return credentials.serviceTokens().of(service);
    }

    @Test
    void repoServiceGetsItsOwnDatabaseInBothUrlFormsTheCryptoKeyAndFindsReleaseService() throws Exception {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.REPO_SERVICE,
                Optional.of(EMBEDDED), Optional.of(KEY), credentials, Map.of());

        assertThat(env)
                .containsEntry("QUARKUS_HTTP_PORT", "8081")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:5433/helmdeck_repo")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5433/helmdeck_repo")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "postgres")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "postgres")
                .containsEntry("HELMDECK_CRYPTO_KEY", KEY.base64())
                .containsEntry("HELMDECK_CRYPTO_KEY_ID", "local-1")
                .containsEntry("HELMDECK_RELEASE_SERVICE_URL", "http://localhost:8082")
                .doesNotContainKey("HELMDECK_REPO_SERVICE_URL");
    }

    @Test
    void releaseServiceGetsTheReleaseDatabaseAndFindsRepoServiceButNotTheKey() throws Exception {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.RELEASE_SERVICE,
                Optional.of(EMBEDDED), Optional.of(KEY), credentials, Map.of());

        assertThat(env)
                .containsEntry("QUARKUS_HTTP_PORT", "8082")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:5433/helmdeck_release")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5433/helmdeck_release")
                .containsEntry("HELMDECK_REPO_SERVICE_URL", "http://localhost:8081")
                .doesNotContainKeys("HELMDECK_CRYPTO_KEY", "HELMDECK_CRYPTO_KEY_ID", "HELMDECK_RELEASE_SERVICE_URL");
    }

    @Test
    void syncWorkerHasNoDatabaseAndFindsRepoService() throws Exception {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.SYNC_WORKER,
                Optional.of(EMBEDDED), Optional.of(KEY), credentials, Map.of());

        assertThat(env)
                .containsEntry("QUARKUS_HTTP_PORT", "8083")
                .containsEntry("HELMDECK_REPO_SERVICE_URL", "http://localhost:8081")
                .doesNotContainKeys("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                        "HELMDECK_CRYPTO_KEY");
    }

    @Test
    void thePortalListensOn8080AndForwardsToBothApisWithoutDatabaseKeyOrServiceToken() throws Exception {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.PORTAL,
                Optional.of(EMBEDDED), Optional.of(KEY), credentials, Map.of());

        assertThat(env)
                .containsEntry("QUARKUS_HTTP_PORT", "8080")
                .containsEntry("HELMDECK_REPO_SERVICE_URL", "http://localhost:8081")
                .containsEntry("HELMDECK_RELEASE_SERVICE_URL", "http://localhost:8082")
                .doesNotContainKeys("QUARKUS_DATASOURCE_REACTIVE_URL", "HELMDECK_CRYPTO_KEY", "HELMDECK_SERVICE_TOKEN",
                        "MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    }

    @Test
    void aConfiguredDatabaseAndKeyAreLeftToRepoServicesInheritedEnvironment() throws Exception {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.REPO_SERVICE,
                Optional.empty(), Optional.empty(), credentials, EXTERNAL);

        assertThat(env.keySet()).noneMatch(key -> key.startsWith("QUARKUS_DATASOURCE_"));
        assertThat(env).doesNotContainKeys("HELMDECK_CRYPTO_KEY", "HELMDECK_CRYPTO_KEY_ID");
    }

    @Test
    void withAConfiguredDatabaseReleaseServiceGetsItsOwnDatabaseOnTheSameServer() throws Exception {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.RELEASE_SERVICE,
                Optional.empty(), Optional.empty(), credentials, EXTERNAL);

        // Overrides what the child inherits; user and password are inherited unchanged.
        assertThat(env)
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL",
                        "postgresql://db.internal:5432/helmdeck_release?sslmode=require")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                        "jdbc:postgresql://db.internal:5432/helmdeck_release?sslmode=require")
                .doesNotContainKeys("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
    }

    @Test
    void explicitReleaseDatabaseUrlsWinOverTheDerivedOnes() throws Exception {
        Map<String, String> inherited = new java.util.HashMap<>(EXTERNAL);
        inherited.put("HELMDECK_RELEASE_DATASOURCE_REACTIVE_URL", "postgresql://other:5432/releases");
        inherited.put("HELMDECK_RELEASE_DATASOURCE_JDBC_URL", "jdbc:postgresql://other:5432/releases");

        assertThat(ServiceEnvironment.forService(PlatformService.RELEASE_SERVICE, Optional.empty(), Optional.empty(),
                credentials, inherited))
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://other:5432/releases")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://other:5432/releases");
    }

    @Test
    void aConfiguredDatabaseThatIsAlreadyTheReleaseDatabaseIsRefusedRatherThanShared() {
        Map<String, String> inherited = Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://db:5432/helmdeck_release",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db:5432/helmdeck_release");

        assertThatThrownBy(() -> ServiceEnvironment.forService(PlatformService.RELEASE_SERVICE, Optional.empty(),
                Optional.empty(), credentials, inherited))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("same database as repo-service")
                .hasMessageContaining("HELMDECK_RELEASE_DATASOURCE_REACTIVE_URL");
    }

    @Test
    void cryptoKeyNeverAppearsInItsStringForm() {
        assertThat(KEY.toString()).doesNotContain(KEY.base64()).contains("local-1");
    }

    @Test
    void repoServiceVerifiesUserTokensSendsItsOwnTokenAndKnowsBothCallers() throws Exception {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.REPO_SERVICE,
                Optional.of(EMBEDDED), Optional.of(KEY), credentials, Map.of());

        assertThat(env)
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", root.resolve(".helmdeck/jwt-public.pem").toString())
                .containsEntry("MP_JWT_VERIFY_ISSUER", "helmdeck")
                .containsEntry("MP_JWT_VERIFY_AUDIENCES", "helmdeck")
                .containsEntry("HELMDECK_SERVICE_TOKEN", token(PlatformService.REPO_SERVICE))
                .containsEntry("HELMDECK_INTERNAL_SYNC_WORKER_TOKEN", token(PlatformService.SYNC_WORKER))
                .containsEntry("HELMDECK_INTERNAL_RELEASE_SERVICE_TOKEN", token(PlatformService.RELEASE_SERVICE))
                .doesNotContainKey("HELMDECK_INTERNAL_REPO_SERVICE_TOKEN");
        assertThat(env.values()).as("the signing key stays with the launcher")
                .noneMatch(value -> value.contains("jwt-private") || value.contains("PRIVATE KEY"));
    }

    @Test
    void releaseServiceVerifiesUserTokensAndAcceptsOnlyRepoService() throws Exception {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.RELEASE_SERVICE,
                Optional.of(EMBEDDED), Optional.of(KEY), credentials, Map.of());

        assertThat(env)
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", root.resolve(".helmdeck/jwt-public.pem").toString())
                .containsEntry("HELMDECK_SERVICE_TOKEN", token(PlatformService.RELEASE_SERVICE))
                .containsEntry("HELMDECK_INTERNAL_REPO_SERVICE_TOKEN", token(PlatformService.REPO_SERVICE))
                .doesNotContainKeys("HELMDECK_INTERNAL_SYNC_WORKER_TOKEN", "HELMDECK_INTERNAL_RELEASE_SERVICE_TOKEN");
    }

    @Test
    void syncWorkerHasNoUserApiSendsItsTokenAndAcceptsOnlyRepoService() throws Exception {
        Map<String, String> env = ServiceEnvironment.forService(PlatformService.SYNC_WORKER,
                Optional.of(EMBEDDED), Optional.of(KEY), credentials, Map.of());

        assertThat(env)
                .containsEntry("HELMDECK_SERVICE_TOKEN", token(PlatformService.SYNC_WORKER))
                .containsEntry("HELMDECK_INTERNAL_REPO_SERVICE_TOKEN", token(PlatformService.REPO_SERVICE))
                .doesNotContainKeys("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "HELMDECK_INTERNAL_SYNC_WORKER_TOKEN");
    }

    @Test
    void whatEachServiceSendsIsWhatItsReceiverExpects() throws Exception {
        Map<String, String> repo = ServiceEnvironment.forService(PlatformService.REPO_SERVICE,
                Optional.of(EMBEDDED), Optional.of(KEY), credentials, Map.of());
        Map<String, String> release = ServiceEnvironment.forService(PlatformService.RELEASE_SERVICE,
                Optional.of(EMBEDDED), Optional.of(KEY), credentials, Map.of());
        Map<String, String> worker = ServiceEnvironment.forService(PlatformService.SYNC_WORKER,
                Optional.of(EMBEDDED), Optional.of(KEY), credentials, Map.of());

        assertThat(worker.get("HELMDECK_SERVICE_TOKEN")).isEqualTo(repo.get("HELMDECK_INTERNAL_SYNC_WORKER_TOKEN"));
        assertThat(release.get("HELMDECK_SERVICE_TOKEN")).isEqualTo(repo.get("HELMDECK_INTERNAL_RELEASE_SERVICE_TOKEN"));
        assertThat(repo.get("HELMDECK_SERVICE_TOKEN")).isEqualTo(worker.get("HELMDECK_INTERNAL_REPO_SERVICE_TOKEN"))
                .isEqualTo(release.get("HELMDECK_INTERNAL_REPO_SERVICE_TOKEN"));
    }
}
