package io.helmdeck.release.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmdeck.sandbox.SandboxCluster;
import io.helmdeck.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluator fed with what the sandbox cluster's controllers write, read back as any client reads it: the two
 * must agree on what "ready" looks like, or tests built on the sandbox would wait forever or not at all.
 */
class SandboxObjectHealthTest {

    static final Duration DELAY = Duration.ofMillis(800);
    static final Duration PATIENCE = Duration.ofSeconds(15);
    static SandboxCluster cluster;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start(SandboxSettings.defaults().withReadyDelay(DELAY)
                .withTick(Duration.ofMillis(50)));
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aDeploymentIsInProgressThenReady() {
        client.apps().deployments().inNamespace("team-a").resource(deployment("web", 3, "nginx:1.27", null)).create();

        ObjectHealth rolling = await(() -> health(client.apps().deployments().inNamespace("team-a").withName("web")
                .get()), h -> h.message().contains("available ("));
        assertThat(rolling.status()).isEqualTo(HealthStatus.IN_PROGRESS);
        assertThat(rolling.message()).isEqualTo("Deployment team-a/web: 0/3 available (MinimumReplicasUnavailable)");

        ObjectHealth ready = await(() -> health(client.apps().deployments().inNamespace("team-a").withName("web")
                .get()), ObjectHealth::ready);
        assertThat(ready.message()).isEqualTo("Deployment team-a/web: 3/3 available");
    }

    @Test
    void aBrokenDeploymentNeverBecomesReadyAndFailsAtItsProgressDeadline() throws InterruptedException {
        client.apps().deployments().inNamespace("team-a").resource(deployment("crash", 2, "app:broken", 600))
                .create();
        client.apps().deployments().inNamespace("team-a").resource(deployment("crash-fast", 1, "app:broken", 1))
                .create();

        Thread.sleep(DELAY.multipliedBy(2).toMillis());
        ObjectHealth waiting = health(client.apps().deployments().inNamespace("team-a").withName("crash").get());
        assertThat(waiting.status()).isEqualTo(HealthStatus.IN_PROGRESS);
        assertThat(waiting.message()).isEqualTo("Deployment team-a/crash: 0/2 available (MinimumReplicasUnavailable)");

        ObjectHealth failed = await(() -> health(client.apps().deployments().inNamespace("team-a")
                .withName("crash-fast").get()), ObjectHealth::failed);
        assertThat(failed.message()).isEqualTo("Deployment team-a/crash-fast: 0/1 available (ProgressDeadlineExceeded)");
    }

    @Test
    void statefulSetsAndDaemonSetsBecomeReady() {
        client.apps().statefulSets().inNamespace("team-a").resource(new StatefulSetBuilder().withNewMetadata()
                .withName("db").endMetadata().withNewSpec().withReplicas(2).withServiceName("db").withNewSelector()
                .addToMatchLabels("app", "db").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "db").endMetadata().withNewSpec().addNewContainer().withName("db")
                .withImage("postgres:16").endContainer().endSpec().endTemplate().endSpec().build()).create();
        client.apps().daemonSets().inNamespace("team-a").resource(new DaemonSetBuilder().withNewMetadata()
                .withName("agent").endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "agent")
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage("busybox:1.36").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();

        assertThat(await(() -> health(client.apps().statefulSets().inNamespace("team-a").withName("db").get()),
                ObjectHealth::ready).message()).isEqualTo("StatefulSet team-a/db: 2/2 ready");
        assertThat(await(() -> health(client.apps().daemonSets().inNamespace("team-a").withName("agent").get()),
                ObjectHealth::ready).message()).isEqualTo("DaemonSet team-a/agent: 1/1 available");
    }

    @Test
    void jobsAndPodsCompleteOrFail() {
        client.batch().v1().jobs().inNamespace("hooks").resource(job("migrate", "flyway:10")).create();
        client.batch().v1().jobs().inNamespace("hooks").resource(job("migrate-bad", "flyway:broken")).create();
        client.pods().inNamespace("hooks").resource(pod("test", "busybox:1.36")).create();
        client.pods().inNamespace("hooks").resource(pod("test-bad", "busybox:broken")).create();

        assertThat(await(() -> health(client.batch().v1().jobs().inNamespace("hooks").withName("migrate").get()),
                h -> !h.message().contains("running") && !h.message().contains("not started")).message())
                .isEqualTo("Job hooks/migrate: complete (1/1 succeeded)");
        ObjectHealth badJob = await(() -> health(client.batch().v1().jobs().inNamespace("hooks")
                .withName("migrate-bad").get()), ObjectHealth::failed);
        assertThat(badJob.message()).isEqualTo(
                "Job hooks/migrate-bad: failed (BackoffLimitExceeded: Job has reached the specified backoff limit)");
        assertThat(await(() -> health(client.pods().inNamespace("hooks").withName("test").get()),
                ObjectHealth::ready).message()).isEqualTo("Pod hooks/test: completed");
        assertThat(await(() -> health(client.pods().inNamespace("hooks").withName("test-bad").get()),
                ObjectHealth::failed).message()).isEqualTo("Pod hooks/test-bad: failed (container test-bad exited 1: Error)");
    }

    @Test
    void claimsLoadBalancersCrdsAndCustomResources() {
        client.persistentVolumeClaims().inNamespace("team-a").resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data").endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build())
                .create();
        client.services().inNamespace("team-a").resource(new ServiceBuilder().withNewMetadata().withName("lb")
                .endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec()
                .build()).create();
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("widgets.example.com").endMetadata().withNewSpec()
                .withGroup("example.com").withScope("Namespaced").withNewNames().withKind("Widget")
                .withPlural("widgets").withSingular("widget").endNames().addNewVersion().withName("v1")
                .withServed(true).withStorage(true).withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion().endSpec()
                .build()).create();

        assertThat(await(() -> health(client.persistentVolumeClaims().inNamespace("team-a").withName("data").get()),
                ObjectHealth::ready).message()).isEqualTo("PersistentVolumeClaim team-a/data: Bound");
        assertThat(await(() -> health(client.services().inNamespace("team-a").withName("lb").get()),
                ObjectHealth::ready).message()).startsWith("Service team-a/lb: load balancer at 172.18.255.");
        assertThat(await(() -> health(client.apiextensions().v1().customResourceDefinitions()
                .withName("widgets.example.com").get()), ObjectHealth::ready).message())
                .isEqualTo("CustomResourceDefinition widgets.example.com: established");

        var widgets = client.genericKubernetesResources("example.com/v1", "Widget").inNamespace("team-a");
        GenericKubernetesResource widget = new GenericKubernetesResource();
        widget.setApiVersion("example.com/v1");
        widget.setKind("Widget");
        widget.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("w").build());
        widgets.resource(widget).create();
        assertThat(health(widgets.withName("w").get()).message()).isEqualTo("Widget team-a/w: exists");

        GenericKubernetesResource live = widgets.withName("w").get();
        live.setAdditionalProperty("status", Map.of("conditions", java.util.List.of(Map.of("type", "Ready",
                "status", "False", "reason", "Broken", "message", "no backend"))));
        widgets.resource(live).updateStatus();
        assertThat(health(widgets.withName("w").get()))
                .isEqualTo(new ObjectHealth(HealthStatus.FAILED, "Widget team-a/w: not ready (Broken: no backend)"));
    }

    @SuppressWarnings("unchecked")
    private static ObjectHealth health(HasMetadata live) {
        return ObjectHealth.of(client.getKubernetesSerialization().convertValue(live, Map.class));
    }

    private static ObjectHealth await(Supplier<ObjectHealth> read, java.util.function.Predicate<ObjectHealth> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        ObjectHealth health = read.get();
        while (!done.test(health)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still " + health + " after " + PATIENCE);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            health = read.get();
        }
        return health;
    }

    private static Deployment deployment(String name, int replicas, String image, Integer progressDeadline) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withReplicas(replicas).withProgressDeadlineSeconds(progressDeadline)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static io.fabric8.kubernetes.api.model.batch.v1.Job job(String name, String image) {
        return new JobBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer().withName(name)
                .withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static io.fabric8.kubernetes.api.model.Pod pod(String name, String image) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName(name).withImage(image).endContainer().endSpec().build();
    }
}
