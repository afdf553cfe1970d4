package io.helmdeck.sync.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.sync.testing.Charts;
import io.helmdeck.sync.testing.FaultProxy;
import io.helmdeck.sync.testing.RegistryProcess;
import io.helmdeck.sync.testing.TestDirs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The sync issue's "done when", end to end: this sync worker (the Quarkus app under test, its sync loop on) claims
 * from the real repo-service (its packaged jar, on an embedded PostgreSQL) and syncs charts that Helm pushed into
 * the real CNCF Distribution registry. Everything is observed through repo-service's public REST API, as a portal
 * would.
 */
@QuarkusTest
@WithTestResource(value = RepoServiceProcess.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@ExtendWith(PrintRepoServiceLogOnFailure.class)
class E2ESyncTest {

    static final String TENANT = "e2e";
    static final String COLLECTION = "/api/v1/tenants/" + TENANT + "/oci-repositories";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    static final String HELM_DESCRIPTION = "A Helm chart for Kubernetes";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An anonymous registry; the htpasswd and the stoppable registry serve the same storage. */
    static Path storage;
    static RegistryProcess registry;
    /**
     * charts/ranged at 1.0.0, 1.1.0+build.5 (tag {@code 1.1.0_build.5}), 1.2.0 and 2.0.0, pushed once for the
     * semver and the probe tests.
     */
    static Map<String, Path> ranged;

    /**
     * Read from the config at run time, not injected: an injected {@code @ConfigProperty} of a test class is
     * validated in every {@code @QuarkusTest} application of the module, and the others do not have these keys.
     */
    String repoService;
    String repoServiceLog;
    String adminToken;
    boolean repoServiceAuthenticates;
    List<String> secrets;

    @BeforeEach
    void readConfig() {
        Config config = ConfigProvider.getConfig();
        repoService = config.getValue("helmdeck.repo-service.url", String.class);
        repoServiceLog = config.getValue(RepoServiceProcess.LOG_KEY, String.class);
        adminToken = config.getValue(RepoServiceProcess.ADMIN_TOKEN_KEY, String.class);
        repoServiceAuthenticates = config.getValue(RepoServiceProcess.AUTHENTICATES_KEY, Boolean.class);
        secrets = List.of(config.getValue(RepoServiceProcess.SECRETS_KEY, String.class).split(","));
    }

    @BeforeAll
    static void startRegistry() throws Exception {
        storage = TestDirs.newDir("e2e-storage");
        registry = RegistryProcess.start(storage, new RegistryProcess.Auth.None());
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. First sync
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void aNewRepositoryIsSyncedWithinSecondsToTheChartHelmPushed() throws Exception {
        Path chart = Charts.create("first", "0.1.0", "1.2.3");
        Charts.push(chart, registry.address(), "charts");
        byte[] bytes = Files.readAllBytes(chart);
        String manifest = manifestDigest(registry.address(), "charts/first", "0.1.0");

        long started = System.nanoTime();
        create(spec("first", registry.address(), "charts/first", Map.of("tag", "0.1.0")));
        JsonPath view = await("first", "Ready", phase("Ready"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("create to Ready").isLessThan(Duration.ofSeconds(10));
        assertThat(view.getString("status.artifact.revision"))
                .matches("0\\.1\\.0@sha256:[0-9a-f]{64}")
                .isEqualTo("0.1.0@" + manifest);
        String skopeo = skopeoDigest(registry.address(), "charts/first", "0.1.0");
        if (skopeo != null) {
            assertThat(skopeo).as("digest of the manifest as skopeo reads it").isEqualTo(manifest);
        }
        assertThat(ready(view, "status")).isEqualTo("True");
        assertThat(ready(view, "reason")).isEqualTo("Succeeded");
        assertThat(view.getInt("status.consecutiveFailures")).isZero();
        assertThat(view.getString("status.artifact.digest")).isEqualTo("sha256:" + sha256(bytes));
        assertThat(view.getLong("status.artifact.size")).isEqualTo(bytes.length);
        assertThat(view.getString("status.artifact.mediaType")).isEqualTo(CHART_LAYER);
        assertThat(view.getString("status.artifact.chart.name")).isEqualTo("first");
        assertThat(view.getString("status.artifact.chart.version")).isEqualTo("0.1.0");
        assertThat(view.getString("status.artifact.chart.appVersion")).isEqualTo("1.2.3");
        assertThat(view.getString("status.artifact.chart.description")).isEqualTo(HELM_DESCRIPTION);
        Instant syncedAt = Instant.parse(view.getString("status.lastSyncAt"));
        assertThat(view.getString("status.lastSuccessAt")).isEqualTo(view.getString("status.lastSyncAt"));
        assertThat(Instant.parse(view.getString("status.nextSyncAt"))).as("the interval (10:00) with ±5 % jitter")
                .isBetween(syncedAt.plusSeconds(570), syncedAt.plusSeconds(630));

        JsonPath history = history("first");
        assertThat(history.getList("items")).hasSize(1);
        assertThat(history.getString("items[0].outcome")).isEqualTo("Updated");
        assertThat(history.getString("items[0].revision")).isEqualTo("0.1.0@" + manifest);

        byte[] stored = api().accept("*/*").get("/api/v1/artifacts/" + view.getString("status.artifact.digest"))
                .then().statusCode(200).extract().asByteArray();
        assertThat(stored).as("the artifact store serves exactly the pushed .tgz").isEqualTo(bytes);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. A re-pushed tag
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void aTagRepushedWithNewContentIsANewRevisionAndTheSameContentIsNot() throws Exception {
        Path v1 = Charts.create("repush", "0.1.0", "1.0.0");
        Charts.push(v1, registry.address(), "charts");
        create(spec("repush", registry.address(), "charts/repush", Map.of("tag", "0.1.0")));
        String first = await("repush", "Ready", phase("Ready")).getString("status.artifact.revision");

        Path v2 = Charts.create("repush", "0.1.0", "2.0.0");
        Charts.push(v2, registry.address(), "charts");
        String second = "0.1.0@" + manifestDigest(registry.address(), "charts/repush", "0.1.0");
        assertThat(second).as("the registry serves a new manifest under the old tag").isNotEqualTo(first);
        requestSync("repush");
        JsonPath changed = await("repush", "at the re-pushed revision",
                v -> second.equals(v.getString("status.artifact.revision")));
        assertThat(changed.getString("status.phase")).isEqualTo("Ready");
        assertThat(changed.getString("status.artifact.chart.appVersion")).isEqualTo("2.0.0");
        assertThat(changed.getString("status.artifact.digest")).isEqualTo("sha256:" + sha256(Files.readAllBytes(v2)));
        assertThat(history("repush").getList("items.outcome")).containsExactly("Updated", "Updated");
        assertThat(history("repush").getList("items.revision")).containsExactly(second, first);

        // The same .tgz pushed again by Helm.
        Charts.push(v2, registry.address(), "charts");
        assertThat("0.1.0@" + manifestDigest(registry.address(), "charts/repush", "0.1.0"))
                .as("helm push of the same bytes yields the same manifest").isEqualTo(second);
        JsonPath unchanged = syncAndAwait("repush");
        assertThat(unchanged.getString("status.artifact.revision")).isEqualTo(second);
        assertThat(unchanged.getString("status.artifact.lastUpdateTime"))
                .isEqualTo(changed.getString("status.artifact.lastUpdateTime"));
        assertThat(history("repush").getList("items")).as("an unchanged sync is not recorded").hasSize(2);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. An unchanged repository costs one HEAD
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void anUnchangedRepositoryCostsExactlyOneManifestHeadPerSync() throws Exception {
        Path chart = Charts.create("cheap", "0.1.0");
        Charts.push(chart, registry.address(), "charts");
        try (FaultProxy proxy = FaultProxy.start("http://" + registry.address())) {
            create(spec("cheap", proxy.address(), "charts/cheap", Map.of("tag", "0.1.0")));
            String revision = await("cheap", "Ready", phase("Ready")).getString("status.artifact.revision");
            String manifest = manifestDigest(registry.address(), "charts/cheap", "0.1.0");
            assertThat(revision).isEqualTo("0.1.0@" + manifest);
            assertThat(proxy.requests()).as("the first sync resolves, then downloads what it resolved")
                    .containsExactly("HEAD /v2/charts/cheap/manifests/0.1.0",
                            "GET /v2/charts/cheap/manifests/" + manifest,
                            "GET /v2/charts/cheap/blobs/sha256:" + sha256(Files.readAllBytes(chart)));

            for (int i = 0; i < 2; i++) {
                proxy.clear();
                JsonPath view = syncAndAwait("cheap");
                assertThat(proxy.requests()).as("registry requests of unchanged sync #" + (i + 1))
                        .containsExactly("HEAD /v2/charts/cheap/manifests/0.1.0");
                assertThat(view.getString("status.phase")).isEqualTo("Ready");
                assertThat(view.getString("status.artifact.revision")).isEqualTo(revision);
            }
            assertThat(history("cheap").getList("items")).hasSize(1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 4. Basic auth, and a wrong password
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void basicAuthSyncsAndAWrongPasswordFailsWithoutEverShowingIt() throws Exception {
        String user = "robot";
        String password = "e2e-Right-Passw0rd-7f3a";
        String wrong = "e2e-Wrong-Passw0rd-c41d";
        Path chart = Charts.create("guarded", "0.1.0");
        Charts.push(chart, registry.address(), "charts");
        List<String> bodies = new ArrayList<>();
        try (RegistryProcess guarded = RegistryProcess.start(storage,
                new RegistryProcess.Auth.Htpasswd(user, password))) {
            Map<String, Object> spec = spec("guarded", guarded.address(), "charts/guarded", Map.of("tag", "0.1.0"));
            spec.put("auth", Map.of("type", "basic", "username", user, "password", password));
            bodies.add(create(spec).asString());
            JsonPath good = await("guarded", "Ready", phase("Ready"));
            String revision = good.getString("status.artifact.revision");
            assertThat(revision).isEqualTo("0.1.0@" + manifestDigest(registry.address(), "charts/guarded", "0.1.0"));
            assertThat(good.getString("auth.type")).isEqualTo("basic");
            assertThat(good.getString("auth.username")).isEqualTo(user);
            assertThat(good.getBoolean("auth.secretSet")).isTrue();

            Response patched = api().contentType("application/merge-patch+json")
                    .body(json(Map.of("auth", Map.of("type", "basic", "username", user, "password", wrong))))
                    .patch(COLLECTION + "/guarded");
            assertThat(patched.statusCode()).isEqualTo(200);
            bodies.add(patched.asString());

            JsonPath failed = await("guarded", "Ready=False with AuthenticationFailed",
                    v -> "AuthenticationFailed".equals(ready(v, "reason")));
            assertThat(ready(failed, "status")).isEqualTo("False");
            assertThat(failed.getString("status.phase")).isEqualTo("Failed");
            assertThat(failed.getString("status.artifact.revision")).as("the last good artifact is kept")
                    .isEqualTo(revision);
            assertThat(failed.getString("status.artifact.digest"))
                    .isEqualTo(good.getString("status.artifact.digest"));
            assertThat(failed.getInt("status.consecutiveFailures")).isPositive();

            bodies.add(api().get(COLLECTION + "/guarded").asString());
            bodies.add(api().get(COLLECTION + "/guarded/history").asString());
            bodies.add(api().get(COLLECTION).asString());
            bodies.add(api().queryParam("status", "Failed").get(COLLECTION).asString());
            assertThat(history("guarded").getString("items[0].reason")).isEqualTo("AuthenticationFailed");
            // Its registry goes away with this test: no retries against it in the other tests.
            api().delete(COLLECTION + "/guarded").then().statusCode(204);
        }
        for (String body : bodies) {
            assertThat(body).doesNotContain(password).doesNotContain(wrong);
        }
        String log = Files.readString(Path.of(repoServiceLog));
        assertThat(log).as("repo-service's log").contains("guarded");
        assertThat(log).as("repo-service's log").doesNotContain(password).doesNotContain(wrong);
        for (String secret : secrets) {
            assertThat(log).as("repo-service's log holds no service or user token").doesNotContain(secret);
            assertThat(bodies).allSatisfy(body -> assertThat(body).doesNotContain(secret));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 5. A registry outage
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void aRegistryOutageFailsAsUnreachableKeepsTheArtifactAndRecovers() throws Exception {
        Path chart = Charts.create("outage", "0.1.0");
        Charts.push(chart, registry.address(), "charts");
        try (PinnedRegistry pinned = new PinnedRegistry(storage).start()) {
            create(spec("outage", pinned.address(), "charts/outage", Map.of("tag", "0.1.0")));
            JsonPath good = await("outage", "Ready", phase("Ready"));
            String revision = good.getString("status.artifact.revision");

            pinned.stop();
            requestSync("outage");
            JsonPath down = await("outage", "Failed with Unreachable",
                    v -> "Failed".equals(v.getString("status.phase")) && "Unreachable".equals(ready(v, "reason")));
            assertThat(ready(down, "status")).isEqualTo("False");
            assertThat(down.getString("status.artifact.revision")).isEqualTo(revision);
            assertThat(down.getString("status.artifact.digest")).isEqualTo(good.getString("status.artifact.digest"));
            assertThat(down.getInt("status.consecutiveFailures")).isPositive();

            pinned.start();
            requestSync("outage");
            JsonPath back = await("outage", "Ready again", phase("Ready"));
            assertThat(ready(back, "status")).isEqualTo("True");
            assertThat(back.getInt("status.consecutiveFailures")).isZero();
            assertThat(back.getString("status.artifact.revision")).isEqualTo(revision);
            JsonPath history = history("outage");
            assertThat(history.getString("items[0].outcome")).isNotEqualTo("Failed");
            assertThat(history.getList("items.reason")).contains("Unreachable");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 6. Semver
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void aSemverRangeTakesTheHighestMatchingTag() throws Exception {
        Map<String, Path> charts = rangedCharts();
        create(spec("ranged", registry.address(), "charts/ranged", Map.of("semver", ">=1.0.0 <2.0.0")));
        JsonPath view = await("ranged", "Ready", phase("Ready"));

        assertThat(view.getString("status.artifact.revision"))
                .isEqualTo("1.2.0@" + manifestDigest(registry.address(), "charts/ranged", "1.2.0"));
        assertThat(view.getString("status.artifact.chart.version")).isEqualTo("1.2.0");
        assertThat(view.getString("status.artifact.digest"))
                .isEqualTo("sha256:" + sha256(Files.readAllBytes(charts.get("1.2.0"))));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 7. Tags and :test, answered by this worker's probe endpoints through repo-service
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void tagsAndTestAreAnsweredThroughTheWorkersProbeEndpoints() throws Exception {
        // The worker answers its probe endpoints only to repo-service's service token (ADR 0013); a repo-service
        // built before issue 5 sends none and is refused, so there is nothing to observe through it.
        assumeTrue(repoServiceAuthenticates, "repo-service predates ADR 0013: it sends no service token to the "
                + "worker's probe endpoints, which refuse it");
        Map<String, Path> charts = rangedCharts();
        create(spec("probed", registry.address(), "charts/ranged", Map.of("tag", "2.0.0")));

        JsonPath tags = api().get(COLLECTION + "/probed/tags").then().statusCode(200).extract().jsonPath();
        assertThat(tags.getList("tags", String.class)).as("semver newest first, '_' shown as '+'")
                .containsExactly("2.0.0", "1.2.0", "1.1.0+build.5", "1.0.0");

        Map<String, Object> good = spec(null, registry.address(), "charts/ranged", Map.of("tag", "1.0.0"));
        JsonPath ok = api().body(json(good)).post(COLLECTION + ":test").then().statusCode(200).extract().jsonPath();
        String digest = "sha256:" + sha256(Files.readAllBytes(charts.get("1.0.0")));
        assertThat(ok.getBoolean("ok")).as(ok.prettify()).isTrue();
        assertThat(ok.getString("artifact.revision"))
                .isEqualTo("1.0.0@" + manifestDigest(registry.address(), "charts/ranged", "1.0.0"));
        assertThat(ok.getString("artifact.digest")).isEqualTo(digest);
        assertThat(ok.getString("artifact.chart.name")).isEqualTo("ranged");
        assertThat(ok.getString("artifact.chart.version")).isEqualTo("1.0.0");
        assertThat(ok.getString("artifact.chart.description")).isEqualTo(HELM_DESCRIPTION);
        assertThat(api().accept("*/*").get("/api/v1/artifacts/" + digest).statusCode())
                .as("a test stores nothing").isEqualTo(404);

        Map<String, Object> missing = spec(null, registry.address(), "charts/ranged", Map.of("tag", "9.9.9"));
        JsonPath notFound = api().body(json(missing)).post(COLLECTION + ":test").then().statusCode(200)
                .extract().jsonPath();
        assertThat(notFound.getBoolean("ok")).as(notFound.prettify()).isFalse();
        assertThat(notFound.getString("reason")).isEqualTo("NotFound");
        assertThat(notFound.getString("artifact")).isNull();
        assertThat(api().get(COLLECTION + "/unnamed").statusCode()).as("a test saves no record").isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------------

    static synchronized Map<String, Path> rangedCharts() throws Exception {
        if (ranged == null) {
            Map<String, Path> charts = new LinkedHashMap<>();
            for (String version : List.of("1.0.0", "1.1.0+build.5", "1.2.0", "2.0.0")) {
                Path chart = Charts.create("ranged", version);
                Charts.push(chart, registry.address(), "charts");
                charts.put(version, chart);
            }
            ranged = charts;
        }
        return ranged;
    }

    RequestSpecification api() {
        return given().baseUri(repoService).contentType("application/json")
                .header("Authorization", "Bearer " + adminToken);
    }

    /** A plain-HTTP repository with a long interval, so only the test's own sync requests cause syncs. */
    static Map<String, Object> spec(String name, String address, String path, Map<String, String> ref) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (name != null) {
            spec.put("name", name);
        }
        spec.put("url", "oci://" + address + "/" + path);
        spec.put("ref", ref);
        spec.put("insecure", true);
        spec.put("interval", "10:00");
        return spec;
    }

    Response create(Map<String, Object> spec) {
        Response created = api().body(json(spec)).post(COLLECTION);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created;
    }

    JsonPath view(String name) {
        return api().get(COLLECTION + "/" + name).then().statusCode(200).extract().jsonPath();
    }

    JsonPath history(String name) {
        return api().get(COLLECTION + "/" + name + "/history").then().statusCode(200).extract().jsonPath();
    }

    void requestSync(String name) {
        api().post(COLLECTION + "/" + name + "/sync").then().statusCode(202);
    }

    /** Requests a sync and waits until its report landed ({@code lastSyncAt} moved). */
    JsonPath syncAndAwait(String name) throws InterruptedException {
        String before = view(name).getString("status.lastSyncAt");
        requestSync(name);
        return await(name, "synced again", v -> !Objects.equals(before, v.getString("status.lastSyncAt")));
    }

    JsonPath await(String name, String what, Predicate<JsonPath> condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < end) {
            last = view(name);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        return fail("repository " + name + " was not " + what + " within " + WAIT + "; last view:\n"
                + (last == null ? "none" : last.prettify()));
    }

    static Predicate<JsonPath> phase(String phase) {
        return v -> phase.equals(v.getString("status.phase")) && v.getString("status.artifact.revision") != null;
    }

    /** A field of the Ready condition. */
    static String ready(JsonPath view, String field) {
        return view.getString("status.conditions.find { it.type == 'Ready' }." + field);
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The manifest digest the registry answers a HEAD with, as any OCI client would resolve the tag. */
    static String manifestDigest(String address, String repository, String tag) throws Exception {
        HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://" + address + "/v2/" + repository + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", OCI_MANIFEST).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).as("HEAD manifest " + repository + ":" + tag).isEqualTo(200);
        return head.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    /** PUTs the manifest the tag points at back under the same tag: a re-push of the very same bytes. */
    static String pushSameManifestAgain(String address, String repository, String tag) throws Exception {
        URI uri = URI.create("http://" + address + "/v2/" + repository + "/manifests/" + tag);
        HttpResponse<byte[]> get = HTTP.send(HttpRequest.newBuilder(uri).header("Accept", OCI_MANIFEST).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", OCI_MANIFEST)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(get.body())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    /**
     * The manifest digest computed from skopeo's raw manifest, an OCI client independent of ours; null when skopeo
     * is not installed. Its home and temporary files stay under target/.
     */
    static String skopeoDigest(String address, String repository, String tag) throws Exception {
        Path skopeo = Path.of("/usr/bin/skopeo");
        if (!Files.isExecutable(skopeo)) {
            return null;
        }
        Path dir = TestDirs.newDir("skopeo");
        Path out = dir.resolve("manifest.json");
        ProcessBuilder builder = new ProcessBuilder(skopeo.toString(), "inspect", "--raw", "--tls-verify=false",
                "docker://" + address + "/" + repository + ":" + tag)
                .redirectOutput(out.toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("TMPDIR", dir.toString());
        builder.environment().put("XDG_RUNTIME_DIR", dir.toString());
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("skopeo finished").isTrue();
        assertThat(process.exitValue()).as("skopeo: " + Files.readString(dir.resolve("stderr.txt"))).isZero();
        return "sha256:" + sha256(Files.readAllBytes(out));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
