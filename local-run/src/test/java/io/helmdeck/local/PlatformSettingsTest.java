package io.helmdeck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PlatformSettingsTest {

    @Test
    void defaultsToTheWorkingDirectoryAnEmbeddedDatabaseOnPort5433AndAGeneratedKey() throws Exception {
        PlatformSettings settings = PlatformSettings.from(Map.of(), properties("user.dir", "/home/dev/helmdeck"));

        assertThat(settings.root()).isEqualTo(Path.of("/home/dev/helmdeck"));
        assertThat(settings.postgresPort()).isEqualTo(5433);
        assertThat(settings.externalDatabase()).isFalse();
        assertThat(settings.externalCryptoKey()).isFalse();
        assertThat(settings.postgresDataDirectory()).isEqualTo(Path.of("/home/dev/helmdeck/.helmdeck/pgdata"));
        assertThat(settings.cryptoKeyFile()).isEqualTo(Path.of("/home/dev/helmdeck/.helmdeck/crypto-key"));
        assertThat(settings.logFile("repo-service")).isEqualTo(Path.of("/home/dev/helmdeck/.helmdeck/logs/repo-service.log"));
    }

    @Test
    void rootPropertyWinsOverTheWorkingDirectory() throws Exception {
        Properties properties = properties("user.dir", "/tmp");
        properties.setProperty("helmdeck.root", "/srv/helmdeck/../helmdeck");

        assertThat(PlatformSettings.from(Map.of(), properties).root()).isEqualTo(Path.of("/srv/helmdeck"));
    }

    @Test
    void postgresPortComesFromTheEnvironment() throws Exception {
        PlatformSettings settings = PlatformSettings.from(Map.of("HELMDECK_LOCAL_PG_PORT", " 6543 "), properties("user.dir", "/x"));

        assertThat(settings.postgresPort()).isEqualTo(6543);
    }

    @Test
    void aPortThatIsNotANumberOrOutOfRangeIsRejectedByName() {
        for (String bad : new String[] {"postgres", "0", "70000"}) {
            assertThatThrownBy(() -> PlatformSettings.from(Map.of("HELMDECK_LOCAL_PG_PORT", bad), properties("user.dir", "/x")))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("HELMDECK_LOCAL_PG_PORT")
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void aReactiveUrlInTheEnvironmentMeansNoEmbeddedDatabase() throws Exception {
        PlatformSettings settings = PlatformSettings.from(
                Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://db:5432/helmdeck_repo"), properties("user.dir", "/x"));

        assertThat(settings.externalDatabase()).isTrue();
    }

    @Test
    void aCryptoKeyInTheEnvironmentIsUsedInsteadOfTheKeyFile() throws Exception {
        PlatformSettings settings = PlatformSettings.from(Map.of("HELMDECK_CRYPTO_KEY", "abc="), properties("user.dir", "/x"));

        assertThat(settings.externalCryptoKey()).isTrue();
    }

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
