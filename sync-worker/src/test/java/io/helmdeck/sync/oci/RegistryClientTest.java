package io.helmdeck.sync.oci;

import static io.helmdeck.sync.testing.SharedRegistry.DEMO_REPO;
import static io.helmdeck.sync.testing.SharedRegistry.DEMO_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

import io.helmdeck.model.ChartMetadata;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.value.Digest;
import io.helmdeck.sync.chart.ChartExtractor;
import io.helmdeck.sync.testing.SharedRegistry;
import io.helmdeck.sync.testing.TestClients;
import io.helmdeck.sync.testing.TestDirs;
import io.smallrye.mutiny.Uni;

/** The client against a real Distribution registry holding charts pushed by Helm, anonymously. */
class RegistryClientTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static SharedRegistry shared;

    @BeforeAll
    static void pushCharts() throws Exception {
        shared = SharedRegistry.get();
    }

    static RegistryTarget target(String address, String repository) {
        return new RegistryTarget(address, repository, RegistryCredentials.ANONYMOUS, true, null, null);
    }

    static RegistryException failure(Uni<?> uni) {
        return catchThrowableOfType(RegistryException.class, () -> uni.await().atMost(WAIT));
    }

    @Test
    void resolvesAPushedChartToTheDigestSkopeoSees() throws Exception {
        TestClients clients = new TestClients();
        Digest digest = clients.client.resolve(target(shared.registry.address(), DEMO_REPO), DEMO_VERSION)
                .await().atMost(WAIT);

        Path skopeo = Path.of("/usr/bin/skopeo");
        Assumptions.assumeTrue(skopeo.toFile().canExecute(), "skopeo is not installed");
        Path home = TestDirs.newDir("skopeo-home");
        ProcessBuilder builder = new ProcessBuilder(skopeo.toString(), "inspect", "--raw", "--tls-verify=false",
                "docker://" + shared.registry.address() + "/" + DEMO_REPO + ":" + DEMO_VERSION);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_RUNTIME_DIR", home.toString());
        builder.redirectError(home.resolve("stderr").toFile());
        Process process = builder.start();
        byte[] raw = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(digest).isEqualTo(Digest.sha256Of(raw));
    }

    @Test
    void resolveOfAnUnchangedTagIsOneHeadRequestAndNothingElse() throws Exception {
        TestClients clients = new TestClients();
        String registry = shared.registry.address();
        clients.client.resolve(target(registry, DEMO_REPO), DEMO_VERSION).await().atMost(WAIT);
        clients.client.resolve(target(registry, DEMO_REPO), DEMO_VERSION).await().atMost(WAIT);

        assertThat(clients.metrics.count("HEAD", registry)).isEqualTo(2.0);
        assertThat(clients.metrics.count("GET", registry)).isZero();
    }

    @Test
    void fetchesManifestAndChartLayerWithVerifiedDigestAndReadsTheChart() {
        TestClients clients = new TestClients();
        RegistryTarget target = target(shared.registry.address(), DEMO_REPO);
        Digest digest = clients.client.resolve(target, DEMO_VERSION).await().atMost(WAIT);

        OciManifest manifest = clients.client.fetchManifest(target, digest).await().atMost(WAIT);
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(manifest.config().mediaType()).isEqualTo(MediaTypes.HELM_CONFIG);
        Descriptor layer = manifest.layer(MediaTypes.HELM_CHART_CONTENT);
        assertThat(layer.digest()).isEqualTo(Digest.sha256Of(shared.demoChart));

        VerifiedBlob blob = clients.client.fetchBlob(target, layer, 50L * 1024 * 1024).await().atMost(WAIT);
        assertThat(blob.content()).isEqualTo(shared.demoChart);
        ChartMetadata chart = new ChartExtractor(10L * 1024 * 1024, 1000).extract(blob.content());
        assertThat(chart.name()).isEqualTo("demo");
        assertThat(chart.version()).isEqualTo(DEMO_VERSION);
        assertThat(chart.appVersion()).isEqualTo("9.9.9");
        assertThat(chart.type()).isEqualTo("application");
        assertThat(chart.kubeVersion()).isEqualTo(">=1.23.0-0");
        assertThat(chart.icon()).isEqualTo("https://example.com/icon.png");
        assertThat(chart.description()).isEqualTo("A Helm chart for Kubernetes");
        assertThat(chart.dependencies()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("common");
            assertThat(d.version()).isEqualTo("2.x.x");
            assertThat(d.repository()).isEqualTo("oci://registry.example.com/charts");
        });
    }

    @Test
    void resolvesByDigestToo() {
        TestClients clients = new TestClients();
        RegistryTarget target = target(shared.registry.address(), DEMO_REPO);
        Digest digest = clients.client.resolve(target, DEMO_VERSION).await().atMost(WAIT);
        assertThat(clients.client.resolve(target, digest.toString()).await().atMost(WAIT)).isEqualTo(digest);
    }

    @Test
    void missingTagIsNotFound() {
        RegistryException e = failure(new TestClients().client
                .resolve(target(shared.registry.address(), DEMO_REPO), "9.9.9"));
        assertThat(e.reason()).isEqualTo(Reasons.NOT_FOUND);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).contains("9.9.9", shared.registry.address(), DEMO_REPO, "404");
    }

    @Test
    void missingRepositoryIsNotFound() {
        RegistryException e = failure(new TestClients().client
                .resolve(target(shared.registry.address(), "charts/nothing-here"), "1.0.0"));
        assertThat(e.reason()).isEqualTo(Reasons.NOT_FOUND);
    }

    @Test
    void layerOfAnotherMediaTypeIsMediaTypeNotFound() {
        TestClients clients = new TestClients();
        RegistryTarget target = target(shared.registry.address(), DEMO_REPO);
        Digest digest = clients.client.resolve(target, DEMO_VERSION).await().atMost(WAIT);
        OciManifest manifest = clients.client.fetchManifest(target, digest).await().atMost(WAIT);

        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> manifest.layer("application/vnd.oci.image.layer.v1.tar+gzip"));
        assertThat(e.reason()).isEqualTo(Reasons.MEDIA_TYPE_NOT_FOUND);
        assertThat(e.getMessage()).contains("application/vnd.oci.image.layer.v1.tar+gzip",
                MediaTypes.HELM_CHART_CONTENT);
    }

    @Test
    void oversizedBlobIsTooLargeWithoutDownloading() {
        TestClients clients = new TestClients();
        RegistryTarget target = target(shared.registry.address(), DEMO_REPO);
        Digest layer = Digest.sha256Of(shared.demoChart);

        RegistryException declared = failure(clients.client.fetchBlob(target,
                new Descriptor(MediaTypes.HELM_CHART_CONTENT, layer, shared.demoChart.length), 1000));
        assertThat(declared.reason()).isEqualTo(Reasons.TOO_LARGE);
        assertThat(clients.metrics.count("GET", shared.registry.address())).isZero();

        RegistryException announced = failure(clients.client.fetchBlob(target, layer, 1000));
        assertThat(announced.reason()).isEqualTo(Reasons.TOO_LARGE);
        assertThat(announced.getMessage()).contains("1000");
    }

    @Test
    void stoppedRegistryIsUnreachable() throws Exception {
        String address;
        try (var registry = io.helmdeck.sync.testing.RegistryProcess.start(TestDirs.newDir("stopped"),
                new io.helmdeck.sync.testing.RegistryProcess.Auth.None())) {
            address = registry.address();
        }
        RegistryException e = failure(new TestClients().client.resolve(target(address, DEMO_REPO), DEMO_VERSION));
        assertThat(e.reason()).isEqualTo(Reasons.UNREACHABLE);
        assertThat(e.getMessage()).contains(address);
    }
}
