package io.helmdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads find what they found before the store was indexed (ADR 0031), as objects are created, relabelled, replaced
 * and deleted among many others of the same kind: by name, by namespace, by label selector, cluster-wide.
 */
class SandboxStoreTest {

    static SandboxCluster cluster;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start(SandboxSettings.defaults().withTick(Duration.ofMillis(50)));
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static ConfigMap configMap(String namespace, String name, Map<String, String> labels) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels)
                .endMetadata().addToData("k", name).build();
    }

    private static List<String> names(List<? extends HasMetadata> items) {
        return items.stream().map(i -> i.getMetadata().getNamespace() + "/" + i.getMetadata().getName()).toList();
    }

    @Test
    void selectorsNamespacesAndNamesFindExactlyTheirObjects() {
        for (int i = 0; i < 60; i++) {
            String namespace = "fleet-" + (i % 3);
            client.configMaps().inNamespace(namespace).resource(configMap(namespace, "cm-" + i,
                    Map.of("owner", "helm", "name", "rel-" + (i % 10), "status", i % 2 == 0 ? "deployed" : "superseded")))
                    .create();
        }
        // A Secret with the same name and labels must not answer for a ConfigMap, nor the other way round.
        client.secrets().inNamespace("fleet-0").resource(new SecretBuilder().withNewMetadata().withName("cm-0")
                .addToLabels("owner", "helm").addToLabels("name", "rel-0").endMetadata().build()).create();

        assertThat(client.configMaps().inNamespace("fleet-0").withName("cm-0").get().getData())
                .containsEntry("k", "cm-0");
        assertThat(client.configMaps().inNamespace("fleet-1").withName("cm-0").get()).isNull();
        assertThat(client.configMaps().inNamespace("fleet-0").list().getItems()).hasSize(20);
        assertThat(names(client.configMaps().inNamespace("fleet-0").withLabel("owner", "helm")
                .withLabel("name", "rel-3").list().getItems())).containsExactly("fleet-0/cm-3", "fleet-0/cm-33");
        assertThat(names(client.configMaps().inAnyNamespace().withLabel("name", "rel-3")
                .withLabel("status", "superseded").list().getItems()))
                .containsExactly("fleet-0/cm-3", "fleet-0/cm-33", "fleet-1/cm-13", "fleet-1/cm-43", "fleet-2/cm-23",
                        "fleet-2/cm-53");
        assertThat(client.configMaps().inAnyNamespace().withLabel("name", "rel-3").withoutLabel("status",
                "superseded").list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace("fleet-2").withoutLabel("owner").list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace("fleet-0").withLabel("name", "rel-0").list().getItems()).hasSize(1);
    }

    @Test
    void aRelabelledReplacedOrDeletedObjectIsFoundOnlyAsItIsNow() {
        client.configMaps().inNamespace("moves").resource(configMap("moves", "web", Map.of("status", "pending")))
                .create();
        client.configMaps().inNamespace("moves").withName("web")
                .edit(cm -> new ConfigMapBuilder(cm).editMetadata().addToLabels("status", "deployed").endMetadata()
                        .build());

        assertThat(client.configMaps().inNamespace("moves").withLabel("status", "pending").list().getItems())
                .isEmpty();
        assertThat(names(client.configMaps().inNamespace("moves").withLabel("status", "deployed").list().getItems()))
                .containsExactly("moves/web");

        client.configMaps().inNamespace("moves").resource(configMap("moves", "web", Map.of("status", "replaced")))
                .update();
        assertThat(client.configMaps().inNamespace("moves").withLabel("status", "deployed").list().getItems())
                .isEmpty();
        assertThat(client.configMaps().inNamespace("moves").withName("web").get().getMetadata().getLabels())
                .containsEntry("status", "replaced");

        client.configMaps().inNamespace("moves").withName("web").delete();
        assertThat(client.configMaps().inNamespace("moves").withName("web").get()).isNull();
        assertThat(client.configMaps().inNamespace("moves").list().getItems()).isEmpty();

        client.configMaps().inNamespace("moves").resource(configMap("moves", "web", Map.of("status", "again")))
                .create();
        assertThat(names(client.configMaps().inNamespace("moves").withLabel("status", "again").list().getItems()))
                .containsExactly("moves/web");
    }

    @Test
    void aListCarriesTheStoresLatestResourceVersion() {
        ConfigMap created = client.configMaps().inNamespace("versions")
                .resource(configMap("versions", "one", Map.of())).create();
        var list = client.configMaps().inNamespace("versions").list();

        assertThat(Long.parseLong(list.getMetadata().getResourceVersion()))
                .isGreaterThanOrEqualTo(Long.parseLong(created.getMetadata().getResourceVersion()));
        ConfigMap again = client.configMaps().inNamespace("versions").resource(configMap("versions", "two", Map.of()))
                .create();
        assertThat(client.configMaps().inNamespace("versions").list().getMetadata().getResourceVersion())
                .isEqualTo(again.getMetadata().getResourceVersion());
    }
}
