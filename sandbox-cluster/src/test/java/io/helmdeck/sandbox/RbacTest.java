package io.helmdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tenant's service account, impersonated as Helmdeck does, reaches its own namespace and nothing else. */
class RbacTest {

    static final String TEAM_A = AccessGrants.serviceAccount("team-a", "helmdeck");
    static SandboxCluster cluster;
    static KubernetesClient tenant;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start(SandboxSettings.defaults().withTick(Duration.ofMillis(200)));
        tenant = cluster.clientAs(TEAM_A);
    }

    @AfterAll
    static void stop() {
        tenant.close();
        cluster.close();
    }

    @AfterEach
    void revoke() {
        cluster.access().clear();
    }

    @Test
    void theOwnNamespaceIsOpen() {
        tenant.configMaps().inNamespace("team-a").resource(configMap("settings")).create();

        assertThat(tenant.configMaps().inNamespace("team-a").withName("settings").get().getData())
                .containsEntry("k", "v");
        assertThat(tenant.configMaps().inNamespace("team-a").list().getItems()).hasSize(1);
        assertThat(tenant.getKubernetesVersion().getGitVersion()).isEqualTo("v1.31.4");
    }

    @Test
    void anotherNamespaceIsForbiddenWithKubernetesOwnWording() {
        cluster.client().configMaps().inNamespace("team-b").resource(configMap("secret-ish")).create();

        assertThatThrownBy(() -> tenant.configMaps().inNamespace("team-b").withName("secret-ish").get())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
                    assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"secret-ish\" is forbidden: User "
                            + "\"system:serviceaccount:team-a:helmdeck\" cannot get resource \"configmaps\" in API "
                            + "group \"\" in the namespace \"team-b\"");
                });
        assertThatThrownBy(() -> tenant.configMaps().inNamespace("team-b").resource(configMap("x")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        assertThat(cluster.client().configMaps().inNamespace("team-b").withName("x").get()).isNull();
    }

    @Test
    void clusterScopedObjectsAndClusterWideListsAreForbidden() {
        assertThatThrownBy(() -> tenant.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName("mine").endMetadata().build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getStatus().getMessage()).endsWith("cannot create resource \"namespaces\" in API "
                            + "group \"\" at the cluster scope");
                });
        assertThatThrownBy(() -> tenant.apiextensions().v1().customResourceDefinitions().list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        assertThatThrownBy(() -> tenant.configMaps().inAnyNamespace().list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }

    @Test
    void grantsOpenMoreNamespacesAndClusterResources() {
        cluster.access().allowNamespace(TEAM_A, "shared")
                .allowClusterResource(TEAM_A, "apiextensions.k8s.io", "customresourcedefinitions");

        tenant.configMaps().inNamespace("shared").resource(configMap("common")).create();
        assertThat(tenant.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
        assertThatThrownBy(() -> tenant.configMaps().inNamespace("team-c").list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));

        cluster.access().clear();
        assertThatThrownBy(() -> tenant.configMaps().inNamespace("shared").list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }

    @Test
    void theAdminIsNeverAsked() {
        cluster.client().configMaps().inNamespace("anywhere").resource(configMap("c")).create();
        assertThat(cluster.client().configMaps().inAnyNamespace().list().getItems()).isNotEmpty();
        assertThat(cluster.client().namespaces().list().getItems()).isNotNull();
    }

    private static io.fabric8.kubernetes.api.model.ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", "v").build();
    }
}
