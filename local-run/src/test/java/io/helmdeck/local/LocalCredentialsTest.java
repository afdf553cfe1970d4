package io.helmdeck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key pair and service tokens under .helmdeck/: made once, kept private, the same on every later run. */
class LocalCredentialsTest {

    @TempDir
    Path root;

    PlatformSettings settings() {
        return new PlatformSettings(root, 5433, false, false);
    }

    @Test
    void theFirstRunCreatesAnRsa2048PairAndThreeDistinct256BitTokensAllButThePublicKeyOwnerOnly() throws Exception {
        LocalCredentials credentials = LocalCredentials.loadOrCreate(settings());

        assertThat(credentials.jwtKeys().publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(Files.readString(settings().jwtPublicKeyFile())).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(Files.readString(settings().jwtPrivateKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(credentials.jwtKeys().publicKeyFile()).isEqualTo(settings().jwtPublicKeyFile());
        tokenServices().map(credentials.serviceTokens()::of).forEach(token ->
                assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32));
        assertThat(tokenServices().map(credentials.serviceTokens()::of).distinct()).hasSize(3);
        for (Path file : secretFiles()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings().jwtPublicKeyFile())))
                .as("no secret; a container user must read it").isEqualTo("rw-r--r--");
        try (Stream<Path> files = Files.walk(settings().stateDirectory())) {
            assertThat(files.filter(Files::isRegularFile)).as("no temp files left behind")
                    .containsExactlyInAnyOrder(Stream.concat(Stream.of(secretFiles()),
                            Stream.of(settings().jwtPublicKeyFile())).toArray(Path[]::new));
        }
    }

    @Test
    void laterRunsReuseTheSameKeysAndTokens() throws Exception {
        LocalCredentials first = LocalCredentials.loadOrCreate(settings());
        LocalCredentials second = LocalCredentials.loadOrCreate(settings());

        assertThat(second.jwtKeys().publicKey()).isEqualTo(first.jwtKeys().publicKey());
        assertThat(second.jwtKeys().privateKey()).isEqualTo(first.jwtKeys().privateKey());
        for (PlatformService service : tokenServices().toList()) {
            assertThat(second.serviceTokens().of(service)).isEqualTo(first.serviceTokens().of(service));
        }
    }

    @Test
    void widenedPermissionsAreTightenedAgain() throws Exception {
        LocalCredentials.loadOrCreate(settings());
        for (Path file : secretFiles()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }

        LocalCredentials.loadOrCreate(settings());

        for (Path file : secretFiles()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aLostTokenFileIsRecreatedWithoutTouchingTheOthers() throws Exception {
        LocalCredentials first = LocalCredentials.loadOrCreate(settings());
        Files.delete(settings().serviceTokenDirectory().resolve("sync-worker"));

        LocalCredentials second = LocalCredentials.loadOrCreate(settings());

        assertThat(second.serviceTokens().of(PlatformService.SYNC_WORKER))
                .isNotEqualTo(first.serviceTokens().of(PlatformService.SYNC_WORKER));
        assertThat(second.serviceTokens().of(PlatformService.REPO_SERVICE))
                .isEqualTo(first.serviceTokens().of(PlatformService.REPO_SERVICE));
    }

    @Test
    void aDamagedKeyFileStopsTheLaunchWithAWayOut() throws Exception {
        LocalCredentials.loadOrCreate(settings());
        Files.writeString(settings().jwtPrivateKeyFile(), "not a key");

        assertThatThrownBy(() -> LocalCredentials.loadOrCreate(settings()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("jwt-private.pem")
                .hasMessageContaining("delete both files");
    }

    @Test
    void secretsNeverAppearInTheirStringForms() throws Exception {
        LocalCredentials credentials = LocalCredentials.loadOrCreate(settings());

        String text = credentials.toString();
        for (PlatformService service : tokenServices().toList()) {
            assertThat(text).doesNotContain(credentials.serviceTokens().of(service));
        }
        assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(
                credentials.jwtKeys().privateKey().getEncoded()).substring(0, 40));
    }

    /** The services that call or are called internally; the portal only forwards user tokens. */
    private static Stream<PlatformService> tokenServices() {
        return Stream.of(PlatformService.values()).filter(PlatformService::hasServiceToken);
    }

    private Path[] secretFiles() {
        return new Path[] {settings().jwtPrivateKeyFile(),
                settings().serviceTokenDirectory().resolve("repo-service"),
                settings().serviceTokenDirectory().resolve("release-service"),
                settings().serviceTokenDirectory().resolve("sync-worker")};
    }
}
