package io.helmdeck.sync.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.Contracts;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.sync.oci.MediaTypes;
import io.helmdeck.sync.testing.RawRegistry;
import io.helmdeck.sync.testing.RegistryProcess;
import io.helmdeck.sync.testing.LeaseApiDouble;
import io.helmdeck.sync.testing.TestDirs;
import io.helmdeck.sync.testing.TestTasks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** The probe endpoints answer repo-service, with its service token, and nobody else (ADR 0013). */
@QuarkusTest
@TestProfile(RegistryProbeAuthTest.WithRepoServiceToken.class)
class RegistryProbeAuthTest {

    static final String TOKEN = "repo-service-token-for-tests-0123456789";
    static final String[] ENDPOINTS = {"/internal/v1/registry/tags", "/internal/v1/registry/test"};

    /** The worker configured as ADR 0013 says, with repo-service's token. */
    public static class WithRepoServiceToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("helmdeck.internal.repo-service-token", TOKEN);
        }
    }

    static RegistryProcess registry;
    static SyncTask task;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = RegistryProcess.start(TestDirs.newDir("probe-auth"), new RegistryProcess.Auth.None());
        RawRegistry raw = new RawRegistry(registry.address());
        String config = raw.pushBlob("charts/guarded", "{}".getBytes(StandardCharsets.UTF_8));
        String manifest = """
                {"schemaVersion": 2, "mediaType": "%s", "config": {"mediaType": "%s", "digest": "%s", "size": 2},
                 "layers": []}""".formatted(MediaTypes.OCI_MANIFEST, MediaTypes.HELM_CONFIG, config);
        raw.pushManifest("charts/guarded", "1.0.0", MediaTypes.OCI_MANIFEST, manifest);
        raw.pushManifest("charts/guarded", "1.1.0", MediaTypes.OCI_MANIFEST, manifest);
        task = TestTasks.tag(1, registry.address(), "charts/guarded", "1.1.0");
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    static String body() throws Exception {
        return LeaseApiDouble.JSON.writeValueAsString(task);
    }

    @Test
    void repoServicesTokenGetsTheAnswer() throws Exception {
        Response tags = given().header("Authorization", "Bearer " + TOKEN).contentType("application/json")
                .body(body()).post("/internal/v1/registry/tags");
        assertThat(tags.statusCode()).as(tags.asString()).isEqualTo(200);
        assertThat(tags.jsonPath().getList("tags", String.class)).containsExactly("1.1.0", "1.0.0");
        Contracts.assertConforms(tags.asString(), "registry-probes/tags.json");

        Response lowerCase = given().header("Authorization", "bearer " + TOKEN).contentType("application/json")
                .body(body()).post("/internal/v1/registry/tags");
        assertThat(lowerCase.statusCode()).as("the scheme is case-insensitive (RFC 9110)").isEqualTo(200);

        Response test = given().header("Authorization", "Bearer " + TOKEN).contentType("application/json")
                .body(body()).post("/internal/v1/registry/test");
        assertThat(test.statusCode()).as(test.asString()).isEqualTo(200);
        assertThat(test.jsonPath().getString("ok")).isNotNull();
        // repo-service's stand-in of this worker answers with these fixtures: the real answer must fit them too.
        Contracts.assertConforms(test.asString(), "registry-probes/test-succeeded.json");
    }

    @Test
    void aRegistryRefusalReachesRepoServiceAs502WithTheWorkersDiagnosis() throws Exception {
        SyncTask missing = TestTasks.tag(2, registry.address(), "charts/missing", "1.0.0");
        Response tags = given().header("Authorization", "Bearer " + TOKEN).contentType("application/json")
                .body(LeaseApiDouble.JSON.writeValueAsString(missing)).post("/internal/v1/registry/tags");

        assertThat(tags.statusCode()).as(tags.asString()).isEqualTo(502);
        assertThat(tags.contentType()).startsWith("application/problem+json");
        assertThat(tags.jsonPath().getString("type")).isEqualTo("urn:helmdeck:problem:registry-error");
        // The shared problem mappers pass the worker's own problem on; the diagnosis is "<reason>: <message>".
        assertThat(tags.jsonPath().getString("detail")).isNotEqualTo("Bad Gateway").contains(": ");
    }

    @Test
    void noTokenIs401WithAProblemAndABearerChallenge() throws Exception {
        for (String endpoint : ENDPOINTS) {
            Response answer = given().contentType("application/json").body(body()).post(endpoint);

            assertUnauthorized(answer, endpoint);
            assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"helmdeck\"");
        }
    }

    @Test
    void aWrongTokenIs401WithInvalidToken() throws Exception {
        for (String presented : new String[] {"Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1),
                "Bearer " + TOKEN.toUpperCase(), "Basic " + TOKEN, TOKEN}) {
            for (String endpoint : ENDPOINTS) {
                Response answer = given().header("Authorization", presented).contentType("application/json")
                        .body(body()).post(endpoint);

                assertUnauthorized(answer, endpoint);
                assertThat(answer.asString()).as("the answer never echoes a token").doesNotContain(TOKEN);
            }
        }
        Response wrong = given().header("Authorization", "Bearer not-the-token").contentType("application/json")
                .body(body()).post(ENDPOINTS[0]);
        assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"helmdeck\", error=\"invalid_token\"");
    }

    @Test
    void aUserJwtIsNoServiceToken() throws Exception {
        // An admin user token, well formed: internal endpoints never accept user tokens, whatever they claim.
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwt = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"iss\":\"helmdeck\",\"aud\":\"helmdeck\",\"sub\":\"alice\","
                        + "\"groups\":[\"admin\"],\"tenants\":[],\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(new byte[256]);
        for (String endpoint : ENDPOINTS) {
            assertUnauthorized(given().header("Authorization", "Bearer " + jwt).contentType("application/json")
                    .body(body()).post(endpoint), endpoint);
        }
    }

    @Test
    void theTokenIsCheckedBeforeTheBodyIsRead() {
        Response answer = given().contentType("application/json").body("{not json").post(ENDPOINTS[0]);

        assertUnauthorized(answer, ENDPOINTS[0]);
    }

    static void assertUnauthorized(Response answer, String endpoint) {
        assertThat(answer.statusCode()).as(endpoint + ": " + answer.asString()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getInt("status")).isEqualTo(401);
        assertThat(answer.jsonPath().getString("title")).isEqualTo("Unauthorized");
        assertThat(answer.jsonPath().getString("type")).isEqualTo("urn:helmdeck:problem:unauthorized");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer realm=\"helmdeck\"");
        assertThat(answer.jsonPath().getString("tags")).as("no probe answer").isNull();
        assertThat(answer.jsonPath().getString("ok")).as("no probe answer").isNull();
    }
}
