package io.helmdeck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void firstUseCreatesAnOwnerOnly256BitKey() throws Exception {
        Path file = dir.resolve(".helmdeck/crypto-key");

        CryptoKey key = CryptoKeyFile.loadOrCreate(file);

        assertThat(Base64.getDecoder().decode(key.base64())).hasSize(32);
        assertThat(key.id()).isEqualTo("local-1");
        assertThat(Files.readString(file).trim()).isEqualTo(key.base64());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void laterRunsReuseTheSameKey() throws Exception {
        Path file = dir.resolve("crypto-key");

        CryptoKey first = CryptoKeyFile.loadOrCreate(file);
        CryptoKey second = CryptoKeyFile.loadOrCreate(file);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void looserPermissionsOnAnExistingKeyAreTightened() throws Exception {
        Path file = dir.resolve("crypto-key");
        CryptoKeyFile.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        CryptoKeyFile.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aDamagedKeyFileIsReportedAndLeftAlone() throws Exception {
        Path file = dir.resolve("crypto-key");
        Files.writeString(file, "not-a-key\n");

        assertThatThrownBy(() -> CryptoKeyFile.loadOrCreate(file))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo("not-a-key\n");
    }
}
