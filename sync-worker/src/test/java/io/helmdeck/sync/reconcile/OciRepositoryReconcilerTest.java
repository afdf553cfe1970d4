package io.helmdeck.sync.reconcile;

import static io.helmdeck.sync.testing.SharedRegistry.DEMO_REPO;
import static io.helmdeck.sync.testing.SharedRegistry.DEMO_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.model.LayerSelector;
import io.helmdeck.model.OciRepositoryRef;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.sync.SyncCredentials;
import io.helmdeck.model.sync.SyncOutcome;
import io.helmdeck.model.sync.SyncReport;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.model.value.Digest;
import io.helmdeck.sync.chart.ChartExtractor;
import io.helmdeck.sync.lease.WorkerId;
import io.helmdeck.sync.oci.MediaTypes;
import io.helmdeck.sync.testing.Charts;
import io.helmdeck.sync.testing.FaultProxy;
import io.helmdeck.sync.testing.RawRegistry;
import io.helmdeck.sync.testing.RegistryProcess;
import io.helmdeck.sync.testing.LeaseApiDouble;
import io.helmdeck.sync.testing.SharedRegistry;
import io.helmdeck.sync.testing.TestClients;
import io.helmdeck.sync.testing.TestDirs;
import io.helmdeck.sync.testing.TestSyncConfig;
import io.helmdeck.sync.testing.TestTasks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** One sync at a time against a real Distribution registry, with a recording double of repo-service's store. */
class OciRepositoryReconcilerTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static SharedRegistry shared;
    static String registry;
    static Digest demoManifest;

    TestClients clients;
    LeaseApiDouble repoService;
    SyncMetrics metrics;
    OciRepositoryReconciler reconciler;

    @BeforeAll
    static void pushCharts() throws Exception {
        shared = SharedRegistry.get();
        registry = shared.registry.address();
        demoManifest = Digest.sha256Of(new RawRegistry(registry).getManifest(DEMO_REPO, DEMO_VERSION,
                MediaTypes.OCI_MANIFEST));
    }

    @BeforeEach
    void wire() throws Exception {
        clients = new TestClients();
        repoService = LeaseApiDouble.start();
        metrics = new SyncMetrics(new SimpleMeterRegistry());
        reconciler = new OciRepositoryReconciler(clients.client, new ChartExtractor(TestSyncConfig.defaults()),
                repoService.artifactStore(), TestSyncConfig.defaults(), metrics, new WorkerId("worker-1"));
    }

    @AfterEach
    void stop() {
        repoService.close();
    }

    SyncReport sync(SyncTask task) {
        return reconciler.reconcile(task).await().atMost(WAIT);
    }

    double registryRequests() {
        return clients.metrics.count("HEAD", registry) + clients.metrics.count("GET", registry);
    }

    @Test
    void firstSyncOfATagIsUpdatedWithRevisionDigestChartAndOneUpload() {
        SyncReport report = sync(TestTasks.tag(1, registry, DEMO_REPO, DEMO_VERSION));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.Updated);
        assertThat(report.worker()).isEqualTo("worker-1");
        assertThat(report.specVersion()).isEqualTo(1);
        assertThat(report.reason()).isNull();
        Digest layer = Digest.sha256Of(shared.demoChart);
        assertThat(report.artifact().revision()).isEqualTo(DEMO_VERSION + "@" + demoManifest);
        assertThat(report.artifact().digest()).isEqualTo(layer.toString());
        assertThat(report.artifact().size()).isEqualTo(shared.demoChart.length);
        assertThat(report.artifact().mediaType()).isEqualTo(MediaTypes.HELM_CHART_CONTENT);
        assertThat(report.artifact().lastUpdateTime()).isNotNull();
        assertThat(report.artifact().chart().name()).isEqualTo("demo");
        assertThat(report.artifact().chart().version()).isEqualTo(DEMO_VERSION);
        assertThat(report.artifact().chart().appVersion()).isEqualTo("9.9.9");
        assertThat(report.artifact().chart().dependencies()).extracting(d -> d.name()).containsExactly("common");

        assertThat(repoService.count("PUT", "/internal/v1/artifacts/")).isEqualTo(1);
        assertThat(repoService.artifacts().get(layer.toString()).content()).isEqualTo(shared.demoChart);
        assertThat(repoService.artifacts().get(layer.toString()).mediaType()).isEqualTo(MediaTypes.HELM_CHART_CONTENT);
        assertThat(metrics.count(SyncOutcome.Updated, Reasons.SUCCEEDED)).isEqualTo(1);
        assertThat(metrics.inFlight()).isZero();
    }

    @Test
    void unchangedTagCostsExactlyOneHeadRequestAndNothingElse() {
        SyncTask task = TestTasks.tag(1, registry, DEMO_REPO, DEMO_VERSION);
        SyncReport first = sync(task);
        double before = registryRequests();
        int storeRequests = repoService.requests().size();

        SyncReport second = sync(TestTasks.synced(task, first.artifact().revision(), 1));

        assertThat(second.outcome()).isEqualTo(SyncOutcome.Unchanged);
        assertThat(second.artifact()).isNull();
        assertThat(registryRequests() - before).isEqualTo(1.0);
        assertThat(clients.metrics.count("GET", registry)).isEqualTo(2.0); // manifest and blob of the first sync only
        assertThat(repoService.requests()).hasSize(storeRequests);
        assertThat(metrics.count(SyncOutcome.Unchanged, Reasons.SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void changedSpecWithTheSameDigestFetchesAgainButDoesNotUploadAgain() {
        SyncTask task = TestTasks.tag(1, registry, DEMO_REPO, DEMO_VERSION);
        SyncReport first = sync(task);
        double getsBefore = clients.metrics.count("GET", registry);

        SyncReport second = sync(TestTasks.withSpecVersion(TestTasks.synced(task, first.artifact().revision(), 1), 2));

        assertThat(second.outcome()).isEqualTo(SyncOutcome.Updated);
        assertThat(second.specVersion()).isEqualTo(2);
        assertThat(second.artifact().revision()).isEqualTo(first.artifact().revision());
        assertThat(clients.metrics.count("GET", registry) - getsBefore).isEqualTo(2.0);
        assertThat(repoService.count("HEAD", "/internal/v1/artifacts/")).isEqualTo(2);
        assertThat(repoService.count("PUT", "/internal/v1/artifacts/")).isEqualTo(1);
    }

    @Test
    void repushUnderTheSameTagIsANewRevision() throws Exception {
        Charts.push(Charts.create("mutable", "1.0.0", "1.0"), registry, "charts");
        SyncTask task = TestTasks.tag(1, registry, "charts/mutable", "1.0.0");
        SyncReport first = sync(task);
        Charts.push(Charts.create("mutable", "1.0.0", "2.0"), registry, "charts");

        SyncReport second = sync(TestTasks.synced(task, first.artifact().revision(), 1));

        assertThat(second.outcome()).isEqualTo(SyncOutcome.Updated);
        assertThat(second.artifact().revision()).startsWith("1.0.0@sha256:")
                .isNotEqualTo(first.artifact().revision());
        assertThat(second.artifact().digest()).isNotEqualTo(first.artifact().digest());
        assertThat(second.artifact().chart().appVersion()).isEqualTo("2.0");
        assertThat(repoService.count("PUT", "/internal/v1/artifacts/")).isEqualTo(2);
    }

    @Test
    void semverPicksTheHighestMatchingVersionReadingUnderscoreAsPlus() throws Exception {
        for (String version : List.of("1.0.0", "1.4.0", "2.0.0+build.7", "2.1.0-rc.1", "3.0.0")) {
            Charts.push(Charts.create("ranged", version), registry, "charts");
        }

        SyncReport below3 = sync(TestTasks.task(1, registry, "charts/ranged",
                new OciRepositoryRef(null, ">=1.0.0 <3.0.0", null, null)));
        assertThat(below3.outcome()).isEqualTo(SyncOutcome.Updated);
        assertThat(below3.artifact().revision()).startsWith("2.0.0_build.7@sha256:");
        assertThat(below3.artifact().chart().version()).isEqualTo("2.0.0+build.7");

        SyncReport ones = sync(TestTasks.task(2, registry, "charts/ranged",
                new OciRepositoryRef("ignored-by-precedence", "1.x", null, null)));
        assertThat(ones.artifact().revision()).startsWith("1.4.0@sha256:");
        assertThat(ones.artifact().chart().version()).isEqualTo("1.4.0");
    }

    @Test
    void semverWithoutAMatchIsNotFoundNamingTheRange() {
        SyncReport report = sync(TestTasks.task(1, registry, SharedRegistry.PAGED_REPO,
                new OciRepositoryRef(null, ">=9.0.0", null, null)));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.Failed);
        assertThat(report.reason()).isEqualTo(Reasons.NOT_FOUND);
        assertThat(report.message()).contains(">=9.0.0", SharedRegistry.PAGED_REPO);
        assertThat(report.artifact()).isNull();
    }

    @Test
    void digestPinHasABareDigestRevision() {
        SyncReport report = sync(TestTasks.task(1, registry, DEMO_REPO,
                new OciRepositoryRef("some-tag", null, null, demoManifest.toString())));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.Updated);
        assertThat(report.artifact().revision()).isEqualTo(demoManifest.toString());
        assertThat(report.artifact().chart().name()).isEqualTo("demo");
    }

    @Test
    void layerOfAnotherMediaTypeIsMediaTypeNotFoundAndStoresNothing() {
        SyncReport report = sync(TestTasks.withLayer(TestTasks.tag(1, registry, DEMO_REPO, DEMO_VERSION),
                "application/vnd.oci.image.layer.v1.tar+gzip", LayerSelector.EXTRACT));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.Failed);
        assertThat(report.reason()).isEqualTo(Reasons.MEDIA_TYPE_NOT_FOUND);
        assertThat(report.message()).contains("application/vnd.oci.image.layer.v1.tar+gzip");
        assertThat(repoService.requests()).isEmpty();
        assertThat(metrics.count(SyncOutcome.Failed, Reasons.MEDIA_TYPE_NOT_FOUND)).isEqualTo(1);
    }

    @Test
    void missingTagIsNotFound() {
        SyncReport report = sync(TestTasks.tag(1, registry, DEMO_REPO, "7.7.7"));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.Failed);
        assertThat(report.reason()).isEqualTo(Reasons.NOT_FOUND);
        assertThat(report.message()).contains("7.7.7", "404");
    }

    @Test
    void stoppedRegistryIsUnreachable() throws Exception {
        String address;
        try (RegistryProcess stopped = RegistryProcess.start(TestDirs.newDir("stopped"),
                new RegistryProcess.Auth.None())) {
            address = stopped.address();
        }

        SyncReport report = sync(TestTasks.tag(1, address, DEMO_REPO, DEMO_VERSION));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.Failed);
        assertThat(report.reason()).isEqualTo(Reasons.UNREACHABLE);
        assertThat(report.message()).contains(address);
    }

    @Test
    void rateLimitedRegistryIsRateLimitedWithItsRetryAfter() throws Exception {
        try (FaultProxy proxy = FaultProxy.start("http://" + registry)) {
            proxy.rateLimit(10, "120");

            SyncReport report = sync(TestTasks.tag(1, proxy.address(), DEMO_REPO, DEMO_VERSION));

            assertThat(report.outcome()).isEqualTo(SyncOutcome.Failed);
            assertThat(report.reason()).isEqualTo(Reasons.RATE_LIMITED);
            assertThat(report.retryAfterSeconds()).isEqualTo(120L);
        }
    }

    @Test
    void copyStoresTheLayerAsIsWithoutChartMetadata() {
        SyncReport report = sync(TestTasks.withLayer(TestTasks.tag(1, registry, DEMO_REPO, DEMO_VERSION),
                MediaTypes.HELM_CHART_CONTENT, LayerSelector.COPY));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.Updated);
        assertThat(report.artifact().chart()).isNull();
        assertThat(report.artifact().digest()).isEqualTo(Digest.sha256Of(shared.demoChart).toString());
        assertThat(repoService.artifacts()).containsKey(report.artifact().digest());
    }

    @Test
    void aSyncThatOutlivesItsTimeoutIsTimeout() throws Exception {
        try (FaultProxy proxy = FaultProxy.start("http://" + registry)) {
            proxy.hang(3000);
            long start = System.nanoTime();

            SyncReport report = sync(TestTasks.withTimeout(TestTasks.tag(1, proxy.address(), DEMO_REPO, DEMO_VERSION),
                    "1s"));

            assertThat(report.outcome()).isEqualTo(SyncOutcome.Failed);
            assertThat(report.reason()).isEqualTo(Reasons.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            assertThat(report.durationMillis()).isBetween(900L, 2500L);
        }
    }

    @Test
    void unreachableArtifactStoreIsStorageOperationFailed() {
        repoService.close();

        SyncReport report = sync(TestTasks.tag(1, registry, DEMO_REPO, DEMO_VERSION));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.Failed);
        assertThat(report.reason()).isEqualTo(Reasons.STORAGE_OPERATION_FAILED);
        assertThat(report.message()).contains("/internal/v1/artifacts/");
    }

    @Test
    void refusedCredentialsAreAuthenticationFailedWithoutTheSecretInTheMessage() throws Exception {
        try (RegistryProcess locked = shared.startSibling(new RegistryProcess.Auth.Htpasswd("robot", "right-pw"),
                null)) {
            SyncTask task = TestTasks.withCredentials(TestTasks.tag(1, locked.address(), DEMO_REPO, DEMO_VERSION),
                    new SyncCredentials("basic", "robot", "wrong-secret-pw"));

            SyncReport report = sync(task);

            assertThat(report.outcome()).isEqualTo(SyncOutcome.Failed);
            assertThat(report.reason()).isEqualTo(Reasons.AUTHENTICATION_FAILED);
            assertThat(report.message()).doesNotContain("wrong-secret-pw");
            assertThat(report.toString()).doesNotContain("wrong-secret-pw");
        }
    }

    @Test
    void basicCredentialsFromTheTaskAreUsed() throws Exception {
        try (RegistryProcess locked = shared.startSibling(new RegistryProcess.Auth.Htpasswd("robot", "right-pw"),
                null)) {
            SyncTask task = TestTasks.withCredentials(TestTasks.tag(1, locked.address(), DEMO_REPO, DEMO_VERSION),
                    new SyncCredentials("basic", "robot", "right-pw"));

            assertThat(sync(task).outcome()).isEqualTo(SyncOutcome.Updated);
        }
    }

    @Test
    void specThatCannotBeParsedIsInvalidSpec() {
        SyncReport report = sync(TestTasks.withTimeout(TestTasks.tag(1, registry, DEMO_REPO, DEMO_VERSION), "soon"));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.Failed);
        assertThat(report.reason()).isEqualTo(Reasons.INVALID_SPEC);
        assertThat(report.message()).startsWith("timeout ");
        assertThat(registryRequests()).isZero();
    }

    @Test
    void probeReportsWhatASyncWouldStoreAndStoresNothing() {
        var result = reconciler.probe(TestTasks.tag(1, registry, DEMO_REPO, DEMO_VERSION)).await().atMost(WAIT);

        assertThat(result.ok()).isTrue();
        assertThat(result.reason()).isEqualTo(Reasons.SUCCEEDED);
        assertThat(result.artifact().revision()).isEqualTo(DEMO_VERSION + "@" + demoManifest);
        assertThat(result.artifact().digest()).isEqualTo(Digest.sha256Of(shared.demoChart).toString());
        assertThat(result.artifact().chart().name()).isEqualTo("demo");
        assertThat(repoService.requests()).isEmpty();
    }

    @Test
    void probeOfAMissingTagSaysNotFound() {
        var result = reconciler.probe(TestTasks.tag(1, registry, DEMO_REPO, "9.9.9-missing")).await().atMost(WAIT);

        assertThat(result.ok()).isFalse();
        assertThat(result.reason()).isEqualTo(Reasons.NOT_FOUND);
        assertThat(result.message()).contains(DEMO_REPO);
        assertThat(result.artifact()).isNull();
    }
}
