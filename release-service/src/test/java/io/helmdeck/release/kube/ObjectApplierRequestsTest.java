package io.helmdeck.release.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.helmdeck.model.InventoryEntry;
import org.junit.jupiter.api.Test;

/**
 * The exact requests the applier sends, checked against a mock API server that answers only what each test expects
 * (the CRUD mock does not implement server-side apply).
 */
@EnableKubernetesMockClient
class ObjectApplierRequestsTest {

    static final ReleaseTarget TARGET = new ReleaseTarget("web", "team-a");

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void serverSideApplyPatchesWithHelmdecksFieldManagerAndForce() throws Exception {
        server.expect().patch().withPath("/api/v1/namespaces/team-a/configmaps/web-config?fieldManager=helmdeck&force=true")
                .andReturn(200, new ConfigMapBuilder().withNewMetadata().withName("web-config")
                        .withNamespace("team-a").endMetadata().build())
                .once();
        ObjectApplier applier = new ObjectApplier(TestKube.connection(TestKube.serverSide(), client),
                TestKube.serverSide());

        List<InventoryEntry> inventory = applier.apply(TARGET, List.of(TestKube.object(client, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web-config}
                data: {greeting: hello}
                """)));

        assertThat(inventory).containsExactly(new InventoryEntry("v1", "ConfigMap", "team-a", "web-config"));
        RecordedRequest request = server.getLastRequest();
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
        assertThat(request.getPath()).startsWith("/api/v1/namespaces/team-a/configmaps/web-config?")
                .contains("fieldManager=helmdeck").contains("force=true");
        String body = request.getUtf8Body();
        assertThat(body).contains("app.kubernetes.io/managed-by").contains("Helm")
                .contains("meta.helm.sh/release-name").contains("greeting");
    }

    @Test
    void aRejectedObjectNamesTheObjectAndTheServersMessageAndWhatWasApplied() {
        server.expect().patch().withPath("/api/v1/namespaces/team-a/configmaps/ok?fieldManager=helmdeck&force=true")
                .andReturn(200, new ConfigMapBuilder().withNewMetadata().withName("ok").endMetadata().build()).once();
        server.expect().patch().withPath("/api/v1/namespaces/team-a/services/web?fieldManager=helmdeck&force=true")
                .andReturn(422, new StatusBuilder().withStatus("Failure").withCode(422).withReason("Invalid")
                        .withMessage("Service \"web\" is invalid: spec.ports: Required value").build())
                .once();
        ObjectApplier applier = new ObjectApplier(TestKube.connection(TestKube.serverSide(), client),
                TestKube.serverSide());

        assertThatThrownBy(() -> applier.apply(TARGET, List.of(
                TestKube.object(client, """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: ok}
                        """),
                TestKube.object(client, """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: web}
                        spec: {}
                        """))))
                .isInstanceOfSatisfying(PartialApplyException.class, e -> {
                    assertThat(e.getMessage()).contains("Service team-a/web")
                            .contains("spec.ports: Required value").contains("422");
                    assertThat(e.applied()).containsExactly(new InventoryEntry("v1", "ConfigMap", "team-a", "ok"));
                });
    }

    @Test
    void aCustomKindIsScopedByApiDiscovery() throws Exception {
        server.expect().get().withPath("/apis/example.com/v1")
                .andReturn(200, new APIResourceListBuilder().withGroupVersion("example.com/v1").withResources(
                        new APIResourceBuilder().withName("clusterwidgets").withKind("ClusterWidget")
                                .withNamespaced(false).withVerbs("get", "patch").build(),
                        new APIResourceBuilder().withName("widgets").withKind("Widget")
                                .withNamespaced(true).withVerbs("get", "patch").build())
                        .build())
                .always();
        server.expect().patch().withPath("/apis/example.com/v1/clusterwidgets/global?fieldManager=helmdeck&force=true")
                .andReturn(200, new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1")
                        .withKind("ClusterWidget").withNewMetadata().withName("global").endMetadata().build())
                .once();
        server.expect().patch().withPath("/apis/example.com/v1/namespaces/team-a/widgets/local?fieldManager=helmdeck&force=true")
                .andReturn(200, new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1")
                        .withKind("Widget").withNewMetadata().withName("local").endMetadata().build())
                .once();
        ObjectApplier applier = new ObjectApplier(TestKube.connection(TestKube.serverSide(), client),
                TestKube.serverSide());

        List<InventoryEntry> inventory = applier.apply(TARGET, List.of(
                TestKube.object(client, """
                        apiVersion: example.com/v1
                        kind: ClusterWidget
                        metadata: {name: global}
                        """),
                TestKube.object(client, """
                        apiVersion: example.com/v1
                        kind: Widget
                        metadata: {name: local}
                        """)));

        assertThat(inventory).containsExactly(
                new InventoryEntry("example.com/v1", "ClusterWidget", null, "global"),
                new InventoryEntry("example.com/v1", "Widget", "team-a", "local"));
    }
}
