package io.helmdeck.release.drift;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmdeck.release.kube.HelmStorage;
import io.helmdeck.release.support.SandboxClusterResource;
import io.helmdeck.release.reconcile.SourceDouble;
import io.helmdeck.release.support.ChartFiles;
import io.helmdeck.release.support.ReleaseApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift detection against the sandbox cluster: objects changed or deleted behind Helmdeck's back, as a user with
 * {@code kubectl} would, then a reconcile. Mode {@code enabled} puts them back and says so; {@code warn} only says
 * so; an ignore rule leaves a field another controller owns alone; a deleted Helm release Secret comes back and
 * Helm's own code (helm-java) reads it again.
 */
@QuarkusTest
@WithTestResource(value = SourceDouble.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = SandboxClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "tenantServiceAccount", value = "true"))
class DriftClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String IMAGE = "nginx:1.27.3";
    private static final String TAMPERED = "nginx:tampered";
    private static byte[] chart;

    private String tenant;

    @BeforeEach
    void tenantWithItsNamespaceAndChart() {
        tenant = ReleaseApi.newTenant();
        kube().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(tenant).endMetadata()
                .build()).create();
        if (chart == null) {
            chart = ChartFiles.scaffold("web", "0.1.0", "1.0.0", Map.of());
        }
        SourceDouble.publish(tenant, "web", "0.1.0", chart);
    }

    @Test
    void enabledModeCorrectsChangedAndDeletedObjectsAndSaysSo() throws Exception {
        deploy("fixed", Map.of());
        double before = corrections();
        setImage("fixed", TAMPERED);
        kube().services().inNamespace(tenant).withName("fixed-web").delete();

        JsonPath view = reconcile("fixed", v -> !drift(v).isEmpty());

        assertThat(image("fixed")).as("the image is put back").isEqualTo(IMAGE);
        assertThat(kube().services().inNamespace(tenant).withName("fixed-web").get()).as("the Service is back")
                .isNotNull();
        assertThat(view.getList("status.drift", Map.class)).extracting(d -> d.get("kind"), d -> d.get("name"),
                d -> d.get("missing"), d -> d.get("fields")).containsExactlyInAnyOrder(
                tuple("Service", "fixed-web", true, List.of()),
                tuple("Deployment", "fixed-web", false, List.of("/spec/template/spec/containers/0/image")));
        assertThat(view.getList("status.drift.correctedAt")).doesNotContainNull();
        assertThat(ready(view)).contains("drift corrected", "Deployment " + tenant + "/fixed-web");
        assertThat(corrections()).as("helmdeck_drift_corrections_total{outcome=corrected}")
                .isEqualTo(before + 2);

        JsonPath again = reconcile("fixed", v -> true);
        assertThat(drift(again)).as("nothing left to correct").isEmpty();
        assertThat(ready(again)).endsWith("no drift");
    }

    @Test
    void warnModeReportsDriftAndLeavesItUntilSomeoneActs() throws Exception {
        deploy("watched", Map.of("mode", "warn"));
        setImage("watched", TAMPERED);

        JsonPath first = reconcile("watched", v -> !drift(v).isEmpty());
        JsonPath second = reconcile("watched", v -> true);

        assertThat(image("watched")).as("not corrected").isEqualTo(TAMPERED);
        assertThat(second.getList("status.drift.fields")).containsExactly(
                List.of("/spec/template/spec/containers/0/image"));
        assertThat(second.getList("status.drift.correctedAt")).containsOnlyNulls();
        assertThat(second.getString("status.drift[0].detectedAt")).as("first seen at the first check")
                .isEqualTo(first.getString("status.drift[0].detectedAt"));
        assertThat(ready(second)).contains("drift detected, not corrected");
        assertThat(second.getString("status.conditions.find { it.type == 'Ready' }.status")).isEqualTo("True");
    }

    @Test
    void anIgnoredFieldIsNeitherReportedNorUndone() throws Exception {
        deploy("scaled", Map.of("ignore", List.of(Map.of("paths", List.of("/spec/replicas"),
                "target", Map.of("kind", "Deployment")))));
        kube().apps().deployments().inNamespace(tenant).withName("scaled-web")
                .edit(d -> { d.getSpec().setReplicas(5); return d; });
        setImage("scaled", TAMPERED);

        JsonPath view = reconcile("scaled", v -> !drift(v).isEmpty());

        assertThat(view.getList("status.drift.fields")).as("replicas, owned by an autoscaler, not reported")
                .containsExactly(List.of("/spec/template/spec/containers/0/image"));
        Deployment live = kube().apps().deployments().inNamespace(tenant).withName("scaled-web").get();
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(IMAGE);
        assertThat(live.getSpec().getReplicas()).as("the correction kept the autoscaler's replicas").isEqualTo(5);
    }

    @Test
    void aDeletedHelmReleaseSecretIsRecreatedAndHelmReadsItAgain() throws Exception {
        deploy("recorded", Map.of("mode", "disabled"));
        String secret = HelmStorage.secretName("recorded", 1);
        assertThat(kube().secrets().inNamespace(tenant).withName(secret).get()).isNotNull();
        kube().secrets().inNamespace(tenant).withName(secret).delete();
        Path kubeconfig = SandboxClusterResource.cluster()
                .writeKubeconfig(Files.createTempDirectory("helm-reads").resolve("config"));
        assertThat(Helm.list().withKubeConfig(kubeconfig).withNamespace(tenant).call()).as("Helm lost it").isEmpty();

        JsonPath view = reconcile("recorded", v -> ready(v).contains("recreated"));

        assertThat(ready(view)).contains("Helm's release record of revision 1 was missing and is recreated",
                "drift detection disabled");
        assertThat(view.getList("status.drift")).as("disabled: never checked").isNull();
        List<Release> releases = Helm.list().withKubeConfig(kubeconfig).withNamespace(tenant).call();
        assertThat(releases).extracting(Release::getName, Release::getRevision, Release::getStatus, Release::getChart)
                .containsExactly(tuple("recorded", "1", "deployed", "web-0.1.0"));
        List<ReleaseHistory> history = Helm.history("recorded").withKubeConfig(kubeconfig).withNamespace(tenant)
                .call();
        assertThat(history).extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus)
                .containsExactly(tuple(1, "deployed"));
    }

    @Test
    void aBadPointerIsAFieldNamedViolationAndNothingIsStored() {
        ReleaseApi.json().body(Map.of("name", "bad", "sourceType", "OCIRepository", "sourceName", "web",
                        "driftDetection", Map.of("mode", "warn", "ignore", List.of(Map.of("paths",
                                List.of("/spec/replicas", "spec/template"))))))
                .post(ReleaseApi.base(tenant)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.contains("driftDetection.ignore[0].paths[1]"));
        ReleaseApi.get(tenant, "bad").then().statusCode(404);
    }

    private void deploy(String name, Map<String, Object> driftDetection) throws InterruptedException {
        ReleaseApi.json().body(Map.of("name", name, "sourceType", "OCIRepository", "sourceName", "web",
                        "values", Map.of("image", Map.of("repository", "nginx", "tag", "1.27.3")),
                        "driftDetection", driftDetection))
                .post(ReleaseApi.base(tenant)).then().statusCode(201);
        await(name, v -> "Deployed".equals(v.getString("status.phase")));
        assertThat(image(name)).isEqualTo(IMAGE);
    }

    /** Asks for a reconcile and waits until one finished after the request and {@code done} holds. */
    private JsonPath reconcile(String name, Predicate<JsonPath> done) throws InterruptedException {
        String last = ReleaseApi.get(tenant, name).then().extract().jsonPath().getString("status.lastReconcileAt");
        given().post(ReleaseApi.base(tenant) + "/" + name + "/reconcile").then().statusCode(202);
        return await(name, v -> !v.getString("status.lastReconcileAt").equals(last) && done.test(v));
    }

    private JsonPath await(String name, Predicate<JsonPath> done) throws InterruptedException {
        return ReleaseApi.await(tenant, name, WAIT, done);
    }

    private void setImage(String release, String image) {
        kube().apps().deployments().inNamespace(tenant).withName(release + "-web").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            return d;
        });
    }

    private String image(String release) {
        return kube().apps().deployments().inNamespace(tenant).withName(release + "-web").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** status.drift; empty when the release was never checked (mode disabled). */
    private static List<Object> drift(JsonPath view) {
        List<Object> drift = view.getList("status.drift");
        return drift == null ? List.of() : drift;
    }

    private static String ready(JsonPath view) {
        String message = view.getString("status.conditions.find { it.type == 'Ready' }.message");
        return message == null ? "" : message;
    }

    private static double corrections() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^helmdeck_drift_corrections_total\\{outcome=\"corrected\"\\} (\\S+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static KubernetesClient kube() {
        return SandboxClusterResource.cluster().client();
    }
}
