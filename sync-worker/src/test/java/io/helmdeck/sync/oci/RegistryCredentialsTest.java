package io.helmdeck.sync.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.RegistryAuth;

class RegistryCredentialsTest {

    static RegistryAuth dockerConfig(String json) {
        return new RegistryAuth(RegistryAuth.DOCKER_CONFIG_JSON, null, null, null, json);
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void picksTheEntryOfTheRegistryFromAuth() {
        String json = "{\"auths\":{\"other.io\":{\"auth\":\"" + b64("x:y") + "\"},"
                + "\"ghcr.io\":{\"auth\":\"" + b64("me:pa:ss") + "\"}}}";

        assertThat(RegistryCredentials.from(dockerConfig(json), "ghcr.io"))
                .isEqualTo(new RegistryCredentials.Basic("me", "pa:ss"));
    }

    @Test
    void matchesHttpsKeysWithPathsAndUsernamePasswordFields() {
        String json = "{\"auths\":{\"https://registry.example.com:5000/v1/\":"
                + "{\"username\":\"robot\",\"password\":\"pw\"}}}";

        assertThat(RegistryCredentials.from(dockerConfig(json), "registry.example.com:5000"))
                .isEqualTo(new RegistryCredentials.Basic("robot", "pw"));
    }

    @Test
    void noEntryMeansAnonymous() {
        assertThat(RegistryCredentials.from(dockerConfig("{\"auths\":{}}"), "ghcr.io"))
                .isEqualTo(RegistryCredentials.ANONYMOUS);
    }

    @Test
    void invalidJsonFailsWithoutQuotingIt() {
        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> RegistryCredentials.from(dockerConfig("{secret-stuff"), "ghcr.io"));

        assertThat(e.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).doesNotContain("secret-stuff");
    }

    @Test
    void basicAndBearerNeverShowTheirSecrets() {
        assertThat(new RegistryCredentials.Basic("u", "hunter2").toString()).doesNotContain("hunter2");
        assertThat(new RegistryCredentials.Bearer("tok-123").toString()).doesNotContain("tok-123");
        assertThat(new RegistryCredentials.Basic("u", "hunter2").fingerprint()).doesNotContain("hunter2");
    }

    @Test
    void staticBearerAndBasicComeFromTheirAuthTypes() {
        assertThat(RegistryCredentials.from(new RegistryAuth("bearer", null, null, "t", null), "r"))
                .isEqualTo(new RegistryCredentials.Bearer("t"));
        assertThat(RegistryCredentials.from(new RegistryAuth("basic", "u", "p", null, null), "r"))
                .isEqualTo(new RegistryCredentials.Basic("u", "p"));
        assertThat(RegistryCredentials.from(null, "r")).isEqualTo(RegistryCredentials.ANONYMOUS);
    }
}
