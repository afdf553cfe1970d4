package io.helmdeck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Tokens minted by the launcher verify with the public key the services get and carry ADR 0013's claims. */
class UserTokenTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path root;

    JwtKeyPair keys() throws StartupException {
        PlatformSettings settings = new PlatformSettings(root, 5433, false, false);
        return JwtKeyPair.loadOrCreate(settings.jwtPrivateKeyFile(), settings.jwtPublicKeyFile());
    }

    @Test
    void theBannersAdminTokenIsRs256SignedByTheKeyAndCarriesTheAdminClaims() throws Exception {
        JwtKeyPair keys = keys();

        String token = UserToken.admin().sign(keys.privateKey(), NOW);

        assertThat(verifies(token, keys().publicKey())).as("RS256 signature verifies with the public key").isTrue();
        JsonNode header = part(token, 0);
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("typ").asText()).isEqualTo("JWT");
        JsonNode claims = part(token, 1);
        assertThat(claims.path("iss").asText()).isEqualTo("helmdeck");
        assertThat(claims.path("aud").asText()).isEqualTo("helmdeck");
        assertThat(claims.path("sub").asText()).isEqualTo("local-admin");
        assertThat(claims.path("upn").asText()).isEqualTo("local-admin");
        assertThat(claims.path("groups").isArray()).isTrue();
        assertThat(JSON.convertValue(claims.path("groups"), List.class)).containsExactly("admin");
        assertThat(claims.path("tenants").isArray()).isTrue();
        assertThat(claims.path("tenants")).isEmpty();
        assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.path("exp").asLong()).as("24 hours").isEqualTo(NOW.getEpochSecond() + 24 * 3600);
        assertThat(claims.path("jti").asText()).isNotBlank();
    }

    @Test
    void aChangedClaimOrAnotherKeyNoLongerVerifies() throws Exception {
        JwtKeyPair keys = keys();
        String token = UserToken.admin().sign(keys.privateKey(), NOW);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("local-admin", "local-admim").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(verifies(forged, keys.publicKey())).isFalse();
        JwtKeyPair other = JwtKeyPair.loadOrCreate(root.resolve("other/private.pem"), root.resolve("other/public.pem"));
        assertThat(verifies(token, other.publicKey())).isFalse();
    }

    @Test
    void theTokenCommandMintsTenantAndViewerTokens() throws Exception {
        PlatformSettings settings = new PlatformSettings(root, 5433, false, false);

        JsonNode writer = part(TokenCommand.run(List.of("--tenant", "team-a", "--tenant", "team-b"), settings), 1);
        JsonNode viewer = part(TokenCommand.run(List.of("--tenant", "team-a", "--viewer", "--hours", "2"), settings), 1);
        String admin = TokenCommand.run(List.of(), settings);

        assertThat(JSON.convertValue(writer.path("tenants"), List.class)).containsExactly("team-a", "team-b");
        assertThat(writer.path("groups")).as("no role: read and write in its tenants").isEmpty();
        assertThat(JSON.convertValue(viewer.path("groups"), List.class)).containsExactly("viewer");
        assertThat(viewer.path("exp").asLong() - viewer.path("iat").asLong()).isEqualTo(2 * 3600);
        assertThat(JSON.convertValue(part(admin, 1).path("groups"), List.class)).containsExactly("admin");
        assertThat(verifies(admin, keys().publicKey())).as("signed with the key the services verify with").isTrue();
    }

    @Test
    void aTenantNameIsJsonEscapedSoItCannotAddClaims() throws Exception {
        String sneaky = "a\",\"groups\":[\"admin\"],\"x\":\"\\\n";

        JsonNode claims = part(new UserToken("u", List.of(), List.of(sneaky), UserToken.DEFAULT_LIFETIME)
                .sign(keys().privateKey(), NOW), 1);

        assertThat(JSON.convertValue(claims.path("tenants"), List.class)).containsExactly(sneaky);
        assertThat(claims.path("groups")).isEmpty();
    }

    @Test
    void badArgumentsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> TokenCommand.parse(List.of("--viewer"))).isInstanceOf(StartupException.class)
                .hasMessageContaining("--viewer needs at least one --tenant");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("--tenant"))).hasMessageContaining("--tenant needs a value");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("--hours", "0"))).hasMessageContaining("--hours");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("--admin-please"))).hasMessageContaining("usage:");
    }

    static boolean verifies(String token, RSAPublicKey key) throws Exception {
        int lastDot = token.lastIndexOf('.');
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }

    static JsonNode part(String token, int index) throws Exception {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[index]));
    }
}
