package io.helmdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What Go clients (Helm, kubectl) read before anything else, over plain HTTP as they see it. */
class ApiSurfaceTest {

    static SandboxCluster cluster;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start(SandboxSettings.defaults().withTick(Duration.ofMillis(50)));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void versionIsTheConfiguredKubernetesRelease() throws Exception {
        HttpResponse<String> response = get("/version?timeout=32s");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode version = JSON.readTree(response.body());
        assertThat(version.path("gitVersion").asText()).isEqualTo("v1.31.4");
        assertThat(version.path("major").asText()).isEqualTo("1");
        assertThat(version.path("minor").asText()).isEqualTo("31");
        assertThat(cluster.client().getKubernetesVersion().getGitVersion()).isEqualTo("v1.31.4");
    }

    @Test
    void coreDiscoveryListsBuiltInResourcesWhateverTheQueryString() throws Exception {
        JsonNode versions = json(get("/api?timeout=32s"));
        assertThat(versions.path("kind").asText()).isEqualTo("APIVersions");
        assertThat(versions.path("versions").get(0).asText()).isEqualTo("v1");

        JsonNode core = json(get("/api/v1?timeout=32s"));
        assertThat(core.path("kind").asText()).isEqualTo("APIResourceList");
        assertThat(core.path("groupVersion").asText()).isEqualTo("v1");
        assertThat(resource(core, "secrets").path("kind").asText()).isEqualTo("Secret");
        assertThat(resource(core, "secrets").path("namespaced").asBoolean()).isTrue();
        assertThat(resource(core, "namespaces").path("namespaced").asBoolean()).isFalse();
        assertThat(resource(core, "pods/status").path("kind").asText()).isEqualTo("Pod");
    }

    @Test
    void groupDiscoveryListsGroupsAndTheirResources() throws Exception {
        JsonNode groups = json(get("/apis?timeout=32s"));
        assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
        JsonNode apps = null;
        JsonNode autoscaling = null;
        for (JsonNode group : groups.path("groups")) {
            if (group.path("name").asText().equals("apps")) {
                apps = group;
            }
            if (group.path("name").asText().equals("autoscaling")) {
                autoscaling = group;
            }
        }
        assertThat(apps).isNotNull();
        assertThat(apps.path("preferredVersion").path("groupVersion").asText()).isEqualTo("apps/v1");
        assertThat(autoscaling.path("preferredVersion").path("version").asText()).isEqualTo("v2");

        JsonNode appsV1 = json(get("/apis/apps/v1"));
        assertThat(appsV1.path("groupVersion").asText()).isEqualTo("apps/v1");
        assertThat(resource(appsV1, "deployments").path("kind").asText()).isEqualTo("Deployment");
        assertThat(resource(appsV1, "statefulsets").path("kind").asText()).isEqualTo("StatefulSet");

        HttpResponse<String> unknown = get("/apis/example.com/v1");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("reason").asText()).isEqualTo("NotFound");
    }

    @Test
    void collectionsAreNamedByKind() throws Exception {
        cluster.client().secrets().inNamespace("lists").resource(new SecretBuilder().withNewMetadata()
                .withName("one").endMetadata().addToStringData("k", "v").build()).create();
        cluster.client().apps().deployments().inNamespace("lists").resource(deployment("web")).create();

        HttpResponse<String> secrets = get("/api/v1/namespaces/lists/secrets");
        assertThat(secrets.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(secrets).path("kind").asText()).isEqualTo("SecretList");
        assertThat(json(secrets).path("apiVersion").asText()).isEqualTo("v1");
        assertThat(json(secrets).path("items")).hasSize(1);

        JsonNode deployments = json(get("/apis/apps/v1/namespaces/lists/deployments?labelSelector=app%3Dweb"));
        assertThat(deployments.path("kind").asText()).isEqualTo("DeploymentList");
        assertThat(deployments.path("apiVersion").asText()).isEqualTo("apps/v1");

        for (String name : List.of("zeta", "alpha", "mid")) {
            cluster.client().configMaps().inNamespace("sorted").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(name).endMetadata().build()).create();
        }
        assertThat(names(json(get("/api/v1/namespaces/sorted/configmaps")).path("items")))
                .containsExactly("alpha", "mid", "zeta");

        JsonNode empty = json(get("/api/v1/namespaces/nobody/configmaps"));
        assertThat(empty.path("kind").asText()).isEqualTo("ConfigMapList");
        assertThat(empty.path("items")).isEmpty();
    }

    @Test
    void aMissingObjectIsANotFoundStatus() throws Exception {
        HttpResponse<String> response = get("/api/v1/namespaces/lists/secrets/absent");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode status = json(response);
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("NotFound");
        assertThat(status.path("message").asText()).isEqualTo("secrets \"absent\" not found");
    }

    @Test
    void aStoredCrdIsDiscoverableEstablishedAndItsObjectsListByKind() throws Exception {
        cluster.client().apiextensions().v1().customResourceDefinitions().resource(widgetCrd()).create();

        CustomResourceDefinition established = Eventually.await(Duration.ofSeconds(5),
                () -> cluster.client().apiextensions().v1().customResourceDefinitions()
                        .withName("widgets.example.com").get(),
                crd -> crd.getStatus() != null && crd.getStatus().getConditions() != null
                        && crd.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Established")
                                && c.getStatus().equals("True")));
        assertThat(established.getStatus().getAcceptedNames().getKind()).isEqualTo("Widget");

        JsonNode groups = json(get("/apis"));
        assertThat(groups.path("groups").findValuesAsText("name")).contains("example.com");
        JsonNode resources = json(get("/apis/example.com/v1?timeout=32s"));
        assertThat(resource(resources, "widgets").path("kind").asText()).isEqualTo("Widget");
        assertThat(resource(resources, "widgets/status")).isNotNull();

        cluster.client().genericKubernetesResources("example.com/v1", "Widget").inNamespace("crs")
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
                        .withNewMetadata().withName("w1").endMetadata()
                        .addToAdditionalProperties("spec", Map.of("size", 3)).build())
                .create();
        JsonNode widgets = json(get("/apis/example.com/v1/namespaces/crs/widgets"));
        assertThat(widgets.path("kind").asText()).isEqualTo("WidgetList");
        assertThat(widgets.path("apiVersion").asText()).isEqualTo("example.com/v1");
        assertThat(widgets.path("items").get(0).path("spec").path("size").asInt()).isEqualTo(3);
    }

    @Test
    void openApiIsNotServedSoClientsSkipValidationInsteadOfReadingAList() throws Exception {
        assertThat(get("/openapi/v2").statusCode()).isEqualTo(404);
        assertThat(get("/openapi/v3").statusCode()).isEqualTo(404);
    }

    @Test
    void serverSideApplyIsAnsweredUnsupportedMediaType() throws Exception {
        cluster.client().configMaps().inNamespace("ssa").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("c").endMetadata().addToData("a", "1").build()).create();
        HttpRequest apply = HttpRequest.newBuilder(URI.create(cluster.url()
                        + "/api/v1/namespaces/ssa/configmaps/c?fieldManager=helmdeck&force=true"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"2\"}}"))
                .header("Content-Type", "application/apply-patch+yaml").build();

        HttpResponse<String> response = HTTP.send(apply, HttpResponse.BodyHandlers.ofString());

        // Recorded in ADR 0017: the store knows JSON patch and merge patch only.
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(cluster.client().configMaps().inNamespace("ssa").withName("c").get().getData())
                .containsEntry("a", "1");
    }

    static CustomResourceDefinition widgetCrd() {
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName("widgets.example.com").endMetadata()
                .withNewSpec().withGroup("example.com").withScope("Namespaced")
                .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").withListKind("WidgetList")
                .endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec().build();
    }

    static io.fabric8.kubernetes.api.model.apps.Deployment deployment(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).addToLabels("app", name).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static JsonNode resource(JsonNode list, String name) {
        for (JsonNode resource : list.path("resources")) {
            if (resource.path("name").asText().equals(name)) {
                return resource;
            }
        }
        throw new AssertionError(name + " not in " + list);
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + path))
                        .header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static List<String> names(JsonNode items) {
        List<String> names = new java.util.ArrayList<>();
        items.forEach(item -> names.add(item.path("metadata").path("name").asText()));
        return names;
    }
}
