package io.helmdeck.release.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.helmdeck.model.InventoryEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Applying, re-applying and deleting release objects against fabric8's CRUD mock API server (client-side apply). */
@EnableKubernetesMockClient(crud = true)
class ObjectApplierTest {

    static final ReleaseTarget TARGET = new ReleaseTarget("web", "team-a");

    KubernetesMockServer server;
    KubernetesClient client;
    ObjectApplier applier;

    @BeforeEach
    void setUp() {
        KubeConfig config = TestKube.clientSide();
        applier = new ObjectApplier(TestKube.connection(config, client), config);
    }

    @Test
    void objectsWithoutNamespaceLandInTheReleaseNamespaceOwnedByTheRelease() throws Exception {
        List<InventoryEntry> inventory = applier.apply(TARGET, List.of(
                TestKube.object(client, """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: web-config
                          labels: {app: web}
                        data: {greeting: hello}
                        """),
                TestKube.object(client, """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: web}
                        spec:
                          selector: {app: web}
                          ports: [{port: 80}]
                        """),
                TestKube.object(client, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          selector: {matchLabels: {app: web}}
                          template:
                            metadata: {labels: {app: web}}
                            spec: {containers: [{name: web, image: nginx}]}
                        """)));

        assertThat(inventory).containsExactly(
                new InventoryEntry("v1", "ConfigMap", "team-a", "web-config"),
                new InventoryEntry("v1", "Service", "team-a", "web"),
                new InventoryEntry("apps/v1", "Deployment", "team-a", "web"));
        var deployment = client.apps().deployments().inNamespace("team-a").withName("web").get();
        assertThat(deployment).isNotNull();
        assertThat(deployment.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm");
        assertThat(deployment.getMetadata().getAnnotations())
                .containsEntry("meta.helm.sh/release-name", "web")
                .containsEntry("meta.helm.sh/release-namespace", "team-a");
        ConfigMap config = client.configMaps().inNamespace("team-a").withName("web-config").get();
        assertThat(config.getMetadata().getLabels())
                .containsEntry("app", "web")
                .containsEntry("app.kubernetes.io/managed-by", "Helm");
        assertThat(client.services().inNamespace("team-a").withName("web").get()).isNotNull();
        assertThat(client.configMaps().inNamespace("default").list().getItems()).isEmpty();
    }

    @Test
    void anExplicitNamespaceIsKept() throws Exception {
        List<InventoryEntry> inventory = applier.apply(TARGET, List.of(TestKube.object(client, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: shared, namespace: platform}
                data: {a: b}
                """)));

        assertThat(inventory).containsExactly(new InventoryEntry("v1", "ConfigMap", "platform", "shared"));
        assertThat(client.configMaps().inNamespace("platform").withName("shared").get()).isNotNull();
    }

    @Test
    void aClusterScopedObjectGetsNoNamespace() throws Exception {
        List<InventoryEntry> inventory = applier.apply(TARGET, List.of(TestKube.object(client, """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: web-reader, namespace: team-a}
                rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
                """)));

        assertThat(inventory).containsExactly(
                new InventoryEntry("rbac.authorization.k8s.io/v1", "ClusterRole", null, "web-reader"));
        ClusterRole role = client.rbac().clusterRoles().withName("web-reader").get();
        assertThat(role).isNotNull();
        assertThat(role.getMetadata().getNamespace()).isNull();
        assertThat(role.getMetadata().getAnnotations()).containsEntry("meta.helm.sh/release-name", "web");
    }

    @Test
    void reapplyingUpdatesTheLiveObject() throws Exception {
        applier.apply(TARGET, List.of(TestKube.object(client, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web-config}
                data: {greeting: hello}
                """)));
        applier.apply(TARGET, List.of(TestKube.object(client, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web-config}
                data: {greeting: bonjour, extra: x}
                """)));

        ConfigMap live = client.configMaps().inNamespace("team-a").withName("web-config").get();
        assertThat(live.getData()).containsEntry("greeting", "bonjour").containsEntry("extra", "x");
        assertThat(applier.live(ReleaseIdentity.helmdeck(), new InventoryEntry("v1", "ConfigMap", "team-a", "web-config")))
                .hasValueSatisfying(map -> assertThat(map).extractingByKey("data")
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                        .containsEntry("greeting", "bonjour"));
    }

    @Test
    void deleteRemovesObjectsAndToleratesMissingOnes() throws Exception {
        List<InventoryEntry> inventory = applier.apply(TARGET, List.of(
                TestKube.object(client, """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: web-config}
                        data: {a: b}
                        """),
                TestKube.object(client, """
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: ClusterRole
                        metadata: {name: web-reader}
                        rules: []
                        """)));
        List<InventoryEntry> withMissing = new java.util.ArrayList<>(inventory);
        withMissing.add(new InventoryEntry("v1", "Secret", "team-a", "never-existed"));

        applier.delete(ReleaseIdentity.helmdeck(), withMissing);

        assertThat(client.configMaps().inNamespace("team-a").withName("web-config").get()).isNull();
        assertThat(client.rbac().clusterRoles().withName("web-reader").get()).isNull();
        assertThat(applier.live(ReleaseIdentity.helmdeck(), inventory.get(0))).isEmpty();
        // deleting again is not an error either
        applier.delete(ReleaseIdentity.helmdeck(), inventory);
    }

    @Test
    void ensureNamespaceCreatesItOnceLabelledLikeHelm() throws Exception {
        applier.ensureNamespace("team-b");
        applier.ensureNamespace("team-b");

        assertThat(client.namespaces().withName("team-b").get().getMetadata().getLabels())
                .containsEntry("name", "team-b");
    }
}
