package io.helmdeck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeparateDatabaseUrlsTest {

    @Test
    void replacesOnlyTheDatabaseKeepingSchemeCredentialsHostsAndParameters() throws Exception {
        assertThat(SeparateDatabaseUrls.withDatabase("X", "postgresql://u:p@db:5432/helmdeck_repo", "helmdeck_release"))
                .isEqualTo("postgresql://u:p@db:5432/helmdeck_release");
        assertThat(SeparateDatabaseUrls.withDatabase("X", "vertx-reactive:postgresql://db1:5432,db2:5432/main?sslmode=verify-full",
                "helmdeck_release"))
                .isEqualTo("vertx-reactive:postgresql://db1:5432,db2:5432/helmdeck_release?sslmode=verify-full");
        assertThat(SeparateDatabaseUrls.withDatabase("X", "jdbc:postgresql://db/helmdeck?ssl=true", "helmdeck_release"))
                .isEqualTo("jdbc:postgresql://db/helmdeck_release?ssl=true");
    }

    @Test
    void aUrlWithoutADatabaseGetsOne() throws Exception {
        assertThat(SeparateDatabaseUrls.withDatabase("X", "postgresql://db:5432", "helmdeck_release"))
                .isEqualTo("postgresql://db:5432/helmdeck_release");
        assertThat(SeparateDatabaseUrls.withDatabase("X", "postgresql://db:5432?sslmode=require", "helmdeck_release"))
                .isEqualTo("postgresql://db:5432/helmdeck_release?sslmode=require");
    }

    @Test
    void aUrlWithoutAHostPartIsRefusedNamingTheVariableAndTheWayOut() {
        assertThatThrownBy(() -> SeparateDatabaseUrls.withDatabase("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql:helmdeck_repo", "helmdeck_release"))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("QUARKUS_DATASOURCE_JDBC_URL")
                .hasMessageContaining("HELMDECK_RELEASE_DATASOURCE_JDBC_URL");
    }

    @Test
    void onlyReleaseServiceGetsDerivedUrls() throws Exception {
        var inherited = java.util.Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://db/helmdeck_repo");

        assertThat(SeparateDatabaseUrls.forService(PlatformService.REPO_SERVICE, inherited)).isEmpty();
        assertThat(SeparateDatabaseUrls.forService(PlatformService.SYNC_WORKER, inherited)).isEmpty();
    }
}
