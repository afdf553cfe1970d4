package io.helmdeck.sync.oci;

import static io.helmdeck.sync.oci.RegistryClientTest.WAIT;
import static io.helmdeck.sync.oci.RegistryClientTest.failure;
import static io.helmdeck.sync.oci.RegistryClientTest.target;
import static io.helmdeck.sync.testing.SharedRegistry.DEMO_REPO;
import static io.helmdeck.sync.testing.SharedRegistry.DEMO_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.value.Digest;
import io.helmdeck.sync.testing.FaultProxy;
import io.helmdeck.sync.testing.FaultProxy.TagPaging;
import io.helmdeck.sync.testing.RawRegistry;
import io.helmdeck.sync.testing.SharedRegistry;
import io.helmdeck.sync.testing.TestClients;
import io.helmdeck.sync.testing.TestSyncConfig;

/** What the registry really receives, and how the client copes when the registry (or the path to it) misbehaves. */
class RegistryFaultsTest {

    static SharedRegistry shared;
    static FaultProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        shared = SharedRegistry.get();
        proxy = FaultProxy.start("http://" + shared.registry.address());
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @BeforeEach
    void reset() {
        proxy.clear();
        proxy.rateLimit(0, "1");
        proxy.corruptBlobs(false);
        proxy.chunkedBlobs(false);
        proxy.hang(0);
        proxy.hideDigestOnHead(false);
        proxy.pageTags(TagPaging.UPSTREAM);
    }

    RegistryTarget demo() {
        return target(proxy.address(), DEMO_REPO);
    }

    @Test
    void unchangedTagCostsTheRegistryExactlyOneHeadRequest() {
        TestClients clients = new TestClients();
        clients.client.resolve(demo(), DEMO_VERSION).await().atMost(WAIT);

        assertThat(proxy.requests()).containsExactly("HEAD /v2/charts/demo/manifests/0.1.0");
    }

    @Test
    void headWithoutDigestFallsBackToGetAndHashesTheManifest() throws Exception {
        proxy.hideDigestOnHead(true);
        byte[] manifest = new RawRegistry(shared.registry.address())
                .getManifest(DEMO_REPO, DEMO_VERSION, MediaTypes.OCI_MANIFEST);

        Digest digest = new TestClients().client.resolve(demo(), DEMO_VERSION).await().atMost(WAIT);

        assertThat(digest).isEqualTo(Digest.sha256Of(manifest));
        assertThat(proxy.requests()).containsExactly("HEAD /v2/charts/demo/manifests/0.1.0",
                "GET /v2/charts/demo/manifests/0.1.0");
    }

    @Test
    void followsLinkHeadersAcrossTagPages() {
        proxy.pageTags(TagPaging.LINK);
        TestClients clients = new TestClients(TestSyncConfig.defaults().withTagsPageSize(3));

        List<String> tags = clients.client.listTags(target(proxy.address(), SharedRegistry.PAGED_REPO))
                .await().atMost(WAIT);

        assertThat(tags).containsExactlyElementsOf(SharedRegistry.PAGED_VERSIONS);
        assertThat(proxy.requests()).hasSize(3).allMatch(r -> r.equals("GET /v2/charts/paged/tags/list"));
    }

    @Test
    void pagesWithLastWhenTheRegistrySendsNoLinkHeader() {
        proxy.pageTags(TagPaging.LAST_ONLY);
        TestClients clients = new TestClients(TestSyncConfig.defaults().withTagsPageSize(3));

        List<String> tags = clients.client.listTags(target(proxy.address(), SharedRegistry.PAGED_REPO))
                .await().atMost(WAIT);

        assertThat(tags).containsExactlyElementsOf(SharedRegistry.PAGED_VERSIONS);
        assertThat(proxy.requests()).hasSize(3);
    }

    @Test
    void registryThatIgnoresPageSizeCostsOneExtraRequestAtMost() {
        TestClients clients = new TestClients(TestSyncConfig.defaults().withTagsPageSize(3));

        List<String> tags = clients.client.listTags(target(proxy.address(), SharedRegistry.PAGED_REPO))
                .await().atMost(WAIT);

        assertThat(tags).containsExactlyInAnyOrderElementsOf(SharedRegistry.PAGED_VERSIONS);
        assertThat(proxy.requests()).hasSize(2);
    }

    @Test
    void corruptedBlobIsDigestMismatch() {
        proxy.corruptBlobs(true);
        Digest layer = Digest.sha256Of(shared.demoChart);

        RegistryException e = failure(new TestClients().client.fetchBlob(demo(), layer, 50L * 1024 * 1024));

        assertThat(e.reason()).isEqualTo(Reasons.DIGEST_MISMATCH);
        assertThat(e.getMessage()).contains(layer.toString(), proxy.address() + "/" + DEMO_REPO);
    }

    @Test
    void blobWithoutContentLengthIsCutOffOnceItStreamsPastTheLimit() {
        proxy.chunkedBlobs(true);
        Digest layer = Digest.sha256Of(shared.demoChart);
        TestClients clients = new TestClients();

        RegistryException e = failure(clients.client.fetchBlob(demo(), layer, 1000));
        assertThat(e.reason()).isEqualTo(Reasons.TOO_LARGE);
        assertThat(e.getMessage()).contains("sent more than 1000 bytes");

        // Within the limit, the same chunked download is fine.
        VerifiedBlob blob = clients.client.fetchBlob(demo(), layer, shared.demoChart.length).await().atMost(WAIT);
        assertThat(blob.content()).isEqualTo(shared.demoChart);
    }

    @Test
    void waitsForRetryAfterThenSucceeds() {
        proxy.rateLimit(1, "1");
        long start = System.nanoTime();

        Digest digest = new TestClients().client.resolve(demo(), DEMO_VERSION).await().atMost(WAIT);

        assertThat(digest).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(proxy.requests()).containsExactly("HEAD /v2/charts/demo/manifests/0.1.0",
                "HEAD /v2/charts/demo/manifests/0.1.0");
    }

    @Test
    void retryAfterLongerThanAllowedIsRateLimitedAtOnce() {
        proxy.rateLimit(1, "120");

        RegistryException e = failure(new TestClients().client.resolve(demo(), DEMO_VERSION));

        assertThat(e.reason()).isEqualTo(Reasons.RATE_LIMITED);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(proxy.requests()).hasSize(1);
    }

    @Test
    void neverWaitsPastTheDeadline() {
        proxy.rateLimit(1, "5");
        RegistryTarget target = new RegistryTarget(proxy.address(), DEMO_REPO, RegistryCredentials.ANONYMOUS, true,
                null, Duration.ofSeconds(2));
        long start = System.nanoTime();

        RegistryException e = failure(new TestClients().client.resolve(target, DEMO_VERSION));

        assertThat(e.reason()).isEqualTo(Reasons.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void givesUpAfterTheRetryBound() {
        proxy.rateLimit(10, "0");

        RegistryException e = failure(new TestClients().client.resolve(demo(), DEMO_VERSION));

        assertThat(e.reason()).isEqualTo(Reasons.RATE_LIMITED);
        assertThat(proxy.requests()).hasSize(3);
    }

    @Test
    void slowRegistryHitsTheDeadline() {
        proxy.hang(3000);
        RegistryTarget target = new RegistryTarget(proxy.address(), DEMO_REPO, RegistryCredentials.ANONYMOUS, true,
                null, Duration.ofMillis(500));
        long start = System.nanoTime();

        RegistryException e = failure(new TestClients().client.resolve(target, DEMO_VERSION));

        assertThat(e.reason()).isEqualTo(Reasons.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void multiPlatformIndexIsRejectedWithAClearMessage() throws Exception {
        RawRegistry raw = new RawRegistry(shared.registry.address());
        byte[] chartManifest = raw.getManifest(DEMO_REPO, DEMO_VERSION, MediaTypes.OCI_MANIFEST);
        String index = """
                {"schemaVersion": 2, "mediaType": "%s", "manifests": [{"mediaType": "%s", "digest": "%s",
                 "size": %d, "platform": {"architecture": "amd64", "os": "linux"}}]}"""
                .formatted(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, Digest.sha256Of(chartManifest),
                        chartManifest.length);
        raw.pushManifest(DEMO_REPO, "multi-arch", MediaTypes.OCI_INDEX, index);
        TestClients clients = new TestClients();

        Digest digest = clients.client.resolve(demo(), "multi-arch").await().atMost(WAIT);
        RegistryException e = failure(clients.client.fetchManifest(demo(), digest));

        assertThat(e.reason()).isEqualTo(Reasons.INVALID_CHART);
        assertThat(e.getMessage()).contains("multi-platform index", digest.toString(), "not a Helm chart");
    }
}
