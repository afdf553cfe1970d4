package io.helmdeck.sync.oci;

import static io.helmdeck.sync.oci.RegistryClientTest.WAIT;
import static io.helmdeck.sync.oci.RegistryClientTest.failure;
import static io.helmdeck.sync.testing.SharedRegistry.DEMO_REPO;
import static io.helmdeck.sync.testing.SharedRegistry.DEMO_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.RegistryAuth;
import io.helmdeck.model.value.Digest;
import io.helmdeck.sync.testing.RegistryProcess;
import io.helmdeck.sync.testing.SharedRegistry;
import io.helmdeck.sync.testing.TestClients;
import io.helmdeck.sync.testing.TestDirs;
import io.helmdeck.sync.testing.TestPki;
import io.helmdeck.sync.testing.TokenIssuer;

/** Basic auth (htpasswd), token auth (a token server the test runs) and TLS, on registries serving the same charts. */
class RegistryAuthTest {

    static final String USER = "robot";
    static final String PASSWORD = "s3cret-Passw0rd";

    static SharedRegistry shared;
    static TestPki pki;
    static RegistryProcess basicRegistry;
    static TokenIssuer issuer;
    static RegistryProcess tokenRegistry;
    static RegistryProcess tlsRegistry;
    static Digest demoDigest;

    @BeforeAll
    static void start() throws Exception {
        shared = SharedRegistry.get();
        pki = TestPki.create(TestDirs.newDir("pki"));
        basicRegistry = shared.startSibling(new RegistryProcess.Auth.Htpasswd(USER, PASSWORD), null);
        issuer = TokenIssuer.start(pki, USER, PASSWORD);
        tokenRegistry = shared.startSibling(new RegistryProcess.Auth.Token(issuer.realm(), TokenIssuer.SERVICE,
                TokenIssuer.ISSUER, pki.certPem()), null);
        tlsRegistry = shared.startSibling(new RegistryProcess.Auth.None(), pki);
        demoDigest = Digest.sha256Of(new io.helmdeck.sync.testing.RawRegistry(shared.registry.address())
                .getManifest(DEMO_REPO, DEMO_VERSION, MediaTypes.OCI_MANIFEST));
    }

    @AfterAll
    static void stop() throws Exception {
        basicRegistry.close();
        tokenRegistry.close();
        tlsRegistry.close();
        issuer.close();
    }

    static RegistryTarget target(RegistryProcess registry, RegistryCredentials credentials) {
        return new RegistryTarget(registry.address(), DEMO_REPO, credentials, true, null, null);
    }

    @Test
    void basicAuthWithTheRightPasswordResolvesAndRemembersTheScheme() {
        TestClients clients = new TestClients();
        RegistryTarget target = target(basicRegistry, new RegistryCredentials.Basic(USER, PASSWORD));

        assertThat(clients.client.resolve(target, DEMO_VERSION).await().atMost(WAIT)).isEqualTo(demoDigest);
        assertThat(clients.client.resolve(target, DEMO_VERSION).await().atMost(WAIT)).isEqualTo(demoDigest);

        // 401 then 200 the first time; the second resolve sends the credentials at once.
        assertThat(clients.metrics.count("HEAD", basicRegistry.address())).isEqualTo(3.0);
    }

    @Test
    void basicAuthWithAWrongPasswordIsAuthenticationFailed() {
        RegistryException e = failure(new TestClients().client.resolve(
                target(basicRegistry, new RegistryCredentials.Basic(USER, "wrong")), DEMO_VERSION));

        assertThat(e.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains(basicRegistry.address(), "credentials were refused")
                .doesNotContain("wrong");
    }

    @Test
    void anonymousAccessToAProtectedRegistryIsAuthenticationFailed() {
        RegistryException e = failure(new TestClients().client.resolve(
                target(basicRegistry, RegistryCredentials.ANONYMOUS), DEMO_VERSION));

        assertThat(e.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).contains("none are configured");
    }

    @Test
    void dockerConfigJsonCredentialsAreFoundByRegistryHost() {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String json = "{\"auths\": {\"https://" + basicRegistry.address() + "\": {\"auth\": \"" + auth + "\"}}}";
        RegistryCredentials credentials = RegistryCredentials.from(
                new RegistryAuth(RegistryAuth.DOCKER_CONFIG_JSON, null, null, null, json), basicRegistry.address());

        Digest digest = new TestClients().client.resolve(target(basicRegistry, credentials), DEMO_VERSION)
                .await().atMost(WAIT);

        assertThat(digest).isEqualTo(demoDigest);
    }

    @Test
    void tokenAuthFetchesOneTokenAndReusesIt() {
        TestClients clients = new TestClients();
        RegistryTarget target = target(tokenRegistry, new RegistryCredentials.Basic(USER, PASSWORD));
        int before = issuer.hits();

        assertThat(clients.client.resolve(target, DEMO_VERSION).await().atMost(WAIT)).isEqualTo(demoDigest);
        assertThat(clients.client.resolve(target, DEMO_VERSION).await().atMost(WAIT)).isEqualTo(demoDigest);

        assertThat(issuer.hits() - before).isEqualTo(1);
        assertThat(issuer.scopes()).contains("repository:charts/demo:pull");
        // 401 + 200 for the first resolve, a single HEAD with the cached token for the second.
        assertThat(clients.metrics.count("HEAD", tokenRegistry.address())).isEqualTo(3.0);
    }

    @Test
    void eachRepositoryGetsATokenForItsOwnScope() {
        TestClients clients = new TestClients();
        RegistryCredentials credentials = new RegistryCredentials.Basic(USER, PASSWORD);
        clients.client.resolve(target(tokenRegistry, credentials), DEMO_VERSION).await().atMost(WAIT);
        int before = issuer.scopes().size();

        RegistryTarget paged = new RegistryTarget(tokenRegistry.address(), SharedRegistry.PAGED_REPO, credentials,
                true, null, null);
        assertThat(clients.client.listTags(paged).await().atMost(WAIT))
                .containsExactlyInAnyOrderElementsOf(SharedRegistry.PAGED_VERSIONS);

        assertThat(issuer.scopes().subList(before, issuer.scopes().size()))
                .containsExactly("repository:charts/paged:pull");
        // The registry's challenge was remembered: the new repository needed no 401 round trip.
        assertThat(clients.metrics.count("GET", tokenRegistry.address())).isEqualTo(1.0);
    }

    @Test
    void tokenAuthDownloadsTheChart() {
        TestClients clients = new TestClients();
        RegistryTarget target = target(tokenRegistry, new RegistryCredentials.Basic(USER, PASSWORD));

        OciManifest manifest = clients.client.fetchManifest(target, demoDigest).await().atMost(WAIT);
        VerifiedBlob blob = clients.client.fetchBlob(target, manifest.layer(MediaTypes.HELM_CHART_CONTENT),
                50L * 1024 * 1024).await().atMost(WAIT);

        assertThat(blob.content()).isEqualTo(shared.demoChart);
    }

    @Test
    void acceptsAccessTokenField() {
        issuer.useAccessTokenField(true);
        try {
            Digest digest = new TestClients().client.resolve(
                    target(tokenRegistry, new RegistryCredentials.Basic(USER, PASSWORD)), DEMO_VERSION)
                    .await().atMost(WAIT);
            assertThat(digest).isEqualTo(demoDigest);
        } finally {
            issuer.useAccessTokenField(false);
        }
    }

    @Test
    void rejectedCachedTokenIsDroppedAndReplacedOnce() {
        TestClients clients = new TestClients();
        RegistryCredentials credentials = new RegistryCredentials.Basic(USER, PASSWORD);
        TokenCache.Key key = new TokenCache.Key(tokenRegistry.address(), "repository:charts/demo:pull",
                credentials.fingerprint());
        clients.tokens.put(key, "revoked-token", 300);
        int before = issuer.hits();

        Digest digest = clients.client.resolve(target(tokenRegistry, credentials), DEMO_VERSION).await().atMost(WAIT);

        assertThat(digest).isEqualTo(demoDigest);
        assertThat(issuer.hits() - before).isEqualTo(1);
        assertThat(clients.tokens.get(key)).isPresent().get().isNotEqualTo("revoked-token");
    }

    @Test
    void tokenServerRefusingTheCredentialsIsAuthenticationFailed() {
        RegistryException e = failure(new TestClients().client.resolve(
                target(tokenRegistry, new RegistryCredentials.Basic(USER, "wrong")), DEMO_VERSION));

        assertThat(e.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("token endpoint", tokenRegistry.address()).doesNotContain("wrong");
    }

    @Test
    void tokensAreNotSharedBetweenDifferentCredentials() {
        TestClients clients = new TestClients();
        clients.client.resolve(target(tokenRegistry, new RegistryCredentials.Basic(USER, PASSWORD)), DEMO_VERSION)
                .await().atMost(WAIT);

        RegistryException e = failure(clients.client.resolve(
                target(tokenRegistry, RegistryCredentials.ANONYMOUS), DEMO_VERSION));

        assertThat(e.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
    }

    @Test
    void staticBearerTokenIsSentAsIs() throws Exception {
        String token = issuer.issue("repository:charts/demo:pull");

        Digest digest = new TestClients().client.resolve(
                target(tokenRegistry, new RegistryCredentials.Bearer(token)), DEMO_VERSION).await().atMost(WAIT);
        RegistryException e = failure(new TestClients().client.resolve(
                target(tokenRegistry, new RegistryCredentials.Bearer("not-a-jwt")), DEMO_VERSION));

        assertThat(digest).isEqualTo(demoDigest);
        assertThat(e.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).contains("bearer token was rejected").doesNotContain("not-a-jwt");
    }

    @Test
    void tlsRegistryIsTrustedThroughTheExtraCaBundle() throws Exception {
        RegistryTarget target = new RegistryTarget(tlsRegistry.address(), DEMO_REPO, RegistryCredentials.ANONYMOUS,
                false, pki.certificatePem(), null);

        assertThat(new TestClients().client.resolve(target, DEMO_VERSION).await().atMost(WAIT)).isEqualTo(demoDigest);
    }

    @Test
    void tlsRegistryWithAnUnknownCaIsTlsError() {
        RegistryTarget target = new RegistryTarget(tlsRegistry.address(), DEMO_REPO, RegistryCredentials.ANONYMOUS,
                false, null, null);

        RegistryException e = failure(new TestClients().client.resolve(target, DEMO_VERSION));

        assertThat(e.reason()).isEqualTo(Reasons.TLS_ERROR);
        assertThat(e.getMessage()).contains(tlsRegistry.address());
    }
}
