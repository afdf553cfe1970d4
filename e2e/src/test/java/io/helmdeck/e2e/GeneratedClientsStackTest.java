package io.helmdeck.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmdeck.client.release.api.HelmReleasesApi;
import io.helmdeck.client.release.model.HelmRelease;
import io.helmdeck.client.release.model.HelmReleaseRequest;
import io.helmdeck.client.release.model.InstallSpec;
import io.helmdeck.client.release.model.ReleaseDiff;
import io.helmdeck.client.release.model.RollbackRequest;
import io.helmdeck.client.repo.api.OciRepositoriesApi;
import io.helmdeck.client.repo.model.ChartMetadata;
import io.helmdeck.client.repo.model.OciRepository;
import io.helmdeck.client.repo.model.OciRepositoryRef;
import io.helmdeck.client.repo.model.OciRepositoryRequest;
import io.helmdeck.local.PlatformService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's "generated clients drive the full stack": Java clients generated at build time from the committed
 * OpenAPI documents (this module's pom), nothing hand-written between the test and the services, drive one scenario
 * across repo-service, sync-worker and release-service started as separate processes, the real registry and the
 * sandbox cluster: push → repository Ready with chart metadata → release Deployed → the tag re-pushed upgrades the
 * release with no call → roll back → repository deleted: {@code SourceNotFound}, objects kept → uninstall: objects
 * gone. Also that a generated client reads {@code …/manifest} as YAML and {@code …/diff} (once answered 406).
 */
class GeneratedClientsStackTest {

    private static final String TENANT = "e2e";
    private static final String NAME = "demo";
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static StackUnderTest stack;
    private static OciRepositoriesApi repositories;
    private static HelmReleasesApi releases;
    private static KubernetesClient kube;
    private static String token;
    private static Path workDir;

    @BeforeAll
    static void startTheStack() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        // A fresh folder per run: the embedded database keeps its data across starts, as the local run's does.
        workDir = java.nio.file.Files.createTempDirectory(java.nio.file.Files.createDirectories(
                Path.of("target").toAbsolutePath()), "stack-");
        stack = StackUnderTest.start(StackUnderTest.Options.of(root, workDir)
                .withEnvironment(Map.of(
                        // Short loops so the scenario takes seconds: the sync worker polls every second, the
                        // release is looked at again soon after a source event.
                        PlatformService.SYNC_WORKER, Map.of("HELMDECK_SYNC_POLL_INTERVAL", "1s"))));
        token = stack.adminToken();
        io.helmdeck.client.repo.ApiClient repoClient = new io.helmdeck.client.repo.ApiClient();
        repoClient.updateBaseUri(stack.url(PlatformService.REPO_SERVICE).toString());
        repoClient.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        repositories = new OciRepositoriesApi(repoClient);
        releases = new HelmReleasesApi(releaseClient());
        kube = stack.cluster().client();
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void oneChartFromPushToUninstallThroughTheGeneratedClients() throws Exception {
        // 1. Push a chart, create the repository: it becomes Ready with the chart's metadata.
        stack.charts().push(NAME, "0.1.0", "1.0.0");
        repositories.createOciRepository(TENANT, new OciRepositoryRequest().name(NAME).url(stack.charts().url(NAME))
                .ref(new OciRepositoryRef().tag("0.1.0")).interval("00:10").insecure(true));
        OciRepository ready = await("repository Ready", () -> repositories.getOciRepository(TENANT, NAME),
                r -> "Ready".equals(String.valueOf(r.getStatus().getPhase())));
        ChartMetadata chart = ready.getStatus().getArtifact().getChart();
        assertThat(chart.getName()).isEqualTo(NAME);
        assertThat(chart.getVersion()).isEqualTo("0.1.0");
        assertThat(chart.getAppVersion()).isEqualTo("1.0.0");
        String firstDigest = stack.registry().digest("charts/" + NAME, "0.1.0");
        assertThat(ready.getStatus().getArtifact().getRevision()).isEqualTo("0.1.0@" + firstDigest);

        // 2. Create a release in the tenant's own namespace: Deployed at revision 1, objects in the cluster.
        releases.createHelmRelease(TENANT, new HelmReleaseRequest().name(NAME)
                .sourceType(HelmReleaseRequest.SourceTypeEnum.OCI_REPOSITORY).sourceName(NAME).targetNamespace(TENANT)
                .install(new InstallSpec().createNamespace(true)).values(Map.of("replicaCount", 2)));
        HelmRelease deployed = awaitRelease("Deployed", r -> "Deployed".equals(phase(r))
                && Integer.valueOf(1).equals(r.getStatus().getCurrentRevision()));
        assertThat(deployed.getStatus().getLastAppliedRevision()).isEqualTo("0.1.0@" + firstDigest);
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment().getMetadata().getLabels()).containsEntry("app.kubernetes.io/version", "1.0.0");

        // The diff comes back typed (it once answered the generated client 406): nothing changes while the source
        // stays as deployed. The generated manifest method returns the YAML text (served to it as text/plain).
        ReleaseDiff diff = releases.getHelmReleaseDiff(TENANT, NAME);
        assertThat(diff.getAdded()).isEmpty();
        assertThat(diff.getChanged()).isEmpty();
        assertThat(diff.getRemoved()).isEmpty();
        assertThat(diff.getUnchanged()).isPositive();
        assertThat(diff.getCurrentRevision()).isEqualTo(1);
        assertThat(releases.getHelmReleaseManifest(TENANT, NAME, null)).contains("kind: Deployment")
                .contains("name: " + NAME);

        // 3. The same tag pushed again with new content: synced and upgraded with no call to either API.
        stack.charts().push(NAME, "0.1.0", "1.1.0");
        String secondDigest = stack.registry().digest("charts/" + NAME, "0.1.0");
        assertThat(secondDigest).isNotEqualTo(firstDigest);
        HelmRelease upgraded = awaitRelease("upgraded to the re-pushed tag",
                r -> Integer.valueOf(2).equals(r.getStatus().getCurrentRevision()) && "Deployed".equals(phase(r)));
        assertThat(upgraded.getStatus().getLastAppliedRevision()).isEqualTo("0.1.0@" + secondDigest);
        assertThat(deployment().getMetadata().getLabels()).containsEntry("app.kubernetes.io/version", "1.1.0");

        // 4. Roll back to revision 1: revision 3 carries revision 1's objects.
        releases.rollbackHelmRelease(TENANT, NAME, new RollbackRequest().revision(1));
        awaitRelease("rolled back", r -> Integer.valueOf(3).equals(r.getStatus().getCurrentRevision())
                && "Deployed".equals(phase(r)));
        assertThat(deployment().getMetadata().getLabels()).containsEntry("app.kubernetes.io/version", "1.0.0");
        assertThat(releases.getHelmReleaseHistory(TENANT, NAME, null).getItems()).first()
                .satisfies(top -> assertThat(String.valueOf(top.getAction())).isEqualTo("rollback"));

        // 5. Delete the repository: the release says SourceNotFound and its objects stay.
        // The generated request accepts problem details alone (the 204 has no body); once answered with 406.
        repositories.deleteOciRepository(TENANT, NAME);
        awaitRelease("SourceNotFound", r -> "SourceNotFound".equals(phase(r)));
        assertThat(deployment()).as("the objects are kept while the source is gone").isNotNull();

        // 6. Uninstall: the release goes, and with it every object and Helm's records.
        releases.deleteHelmRelease(TENANT, NAME);
        await("release gone", () -> releaseOrNull(), r -> r == null);
        assertThat(deployment()).isNull();
        assertThat(kube.services().inNamespace(TENANT).withName(NAME).get()).isNull();
        assertThat(kube.secrets().inNamespace(TENANT).withLabel("owner", "helm").list().getItems()).isEmpty();
        assertThatThrownBy(() -> repositories.getOciRepository(TENANT, NAME))
                .isInstanceOf(io.helmdeck.client.repo.ApiException.class)
                .satisfies(e -> assertThat(((io.helmdeck.client.repo.ApiException) e).getCode()).isEqualTo(404));
    }

    private static io.helmdeck.client.release.ApiClient releaseClient() {
        io.helmdeck.client.release.ApiClient client = new io.helmdeck.client.release.ApiClient();
        client.updateBaseUri(stack.url(PlatformService.RELEASE_SERVICE).toString());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private static Deployment deployment() {
        return kube.apps().deployments().inNamespace(TENANT).withName(NAME).get();
    }

    private static String phase(HelmRelease release) {
        return release.getStatus() == null ? null : String.valueOf(release.getStatus().getPhase());
    }

    private static HelmRelease releaseOrNull() throws Exception {
        try {
            return releases.getHelmRelease(TENANT, NAME);
        } catch (io.helmdeck.client.release.ApiException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static HelmRelease awaitRelease(String what, Predicate<HelmRelease> done) throws Exception {
        return await(what, () -> releases.getHelmRelease(TENANT, NAME), done);
    }

    /** Polls through the generated client until {@code done} holds; fails after {@link #WAIT} with the last answer. */
    private static <T> T await(String what, Callable<T> read, Predicate<T> done) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        T last = null;
        while (System.nanoTime() < end) {
            last = read.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + " not reached within " + WAIT + "; last answer: " + last
                + "; service logs in " + workDir);
    }
}
