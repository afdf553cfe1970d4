package io.helmdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated controllers, seen through an ordinary client as kubectl would see them. */
class ControllersTest {

    static final Duration DELAY = Duration.ofMillis(600);
    static final Duration PATIENCE = Duration.ofSeconds(10);
    static SandboxCluster cluster;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start(SandboxSettings.defaults().withReadyDelay(DELAY).withTick(Duration.ofMillis(50)));
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aDeploymentRollsOutThenBecomesAvailableAfterTheDelay() {
        Instant created = Instant.now();
        client.apps().deployments().inNamespace("team-a").resource(deployment("web", 3, "nginx:1.27")).create();

        Deployment progressing = Eventually.await(PATIENCE, () -> get("team-a", "web"),
                d -> d.getStatus() != null && d.getStatus().getObservedGeneration() != null);
        assertThat(progressing.getStatus().getReplicas()).isEqualTo(3);
        assertThat(progressing.getStatus().getUpdatedReplicas()).isEqualTo(3);
        assertThat(progressing.getStatus().getAvailableReplicas()).isNull();
        assertThat(condition(progressing, "Available").getStatus()).isEqualTo("False");
        assertThat(condition(progressing, "Available").getReason()).isEqualTo("MinimumReplicasUnavailable");
        assertThat(condition(progressing, "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");

        Deployment ready = Eventually.await(PATIENCE, () -> get("team-a", "web"),
                d -> Integer.valueOf(3).equals(d.getStatus().getAvailableReplicas()));
        assertThat(Duration.between(created, Instant.now())).isGreaterThanOrEqualTo(DELAY);
        assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
        assertThat(ready.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(ready.getStatus().getUpdatedReplicas()).isEqualTo(3);
        assertThat(ready.getStatus().getUnavailableReplicas()).isNull();
        assertThat(condition(ready, "Available").getStatus()).isEqualTo("True");
        assertThat(condition(ready, "Available").getReason()).isEqualTo("MinimumReplicasAvailable");
        assertThat(condition(ready, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
        assertThat(condition(ready, "Progressing").getMessage()).matches("ReplicaSet \"web-[a-z0-9]{10}\" has successfully progressed\\.");
    }

    @Test
    void aBrokenImageKeepsTheDeploymentUnavailable() throws InterruptedException {
        client.apps().deployments().inNamespace("team-a").resource(deployment("crash", 1, "ghcr.io/x/app:broken")).create();

        Thread.sleep(DELAY.multipliedBy(2).toMillis());
        Deployment stuck = get("team-a", "crash");

        assertThat(stuck.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(stuck.getStatus().getAvailableReplicas()).isNull();
        assertThat(stuck.getStatus().getUnavailableReplicas()).isEqualTo(1);
        assertThat(condition(stuck, "Available").getStatus()).isEqualTo("False");
        assertThat(condition(stuck, "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");
    }

    @Test
    void aReplacedSpecStartsANewRolloutAndKeepsTheStatusMeanwhile() {
        client.apps().deployments().inNamespace("team-b").resource(deployment("api", 1, "nginx:1.27")).create();
        Eventually.await(PATIENCE, () -> get("team-b", "api"),
                d -> d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas()));

        // A client-side apply replaces the object without status: the status subresource keeps it.
        Deployment live = get("team-b", "api");
        Deployment desired = deployment("api", 1, "ghcr.io/x/app:broken");
        desired.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
        Deployment replaced = client.apps().deployments().inNamespace("team-b").resource(desired).update();
        assertThat(replaced.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(replaced.getStatus().getAvailableReplicas()).isEqualTo(1);

        Deployment rolling = Eventually.await(PATIENCE, () -> get("team-b", "api"),
                d -> Long.valueOf(2).equals(d.getStatus().getObservedGeneration()));
        assertThat(condition(rolling, "Available").getStatus()).isEqualTo("False");
        assertThat(rolling.getStatus().getAvailableReplicas()).isNull();
    }

    @Test
    void aStatefulSetEndsWithCurrentRevisionEqualToUpdateRevision() {
        client.apps().statefulSets().inNamespace("team-a").resource(new StatefulSetBuilder().withNewMetadata()
                .withName("db").endMetadata().withNewSpec().withReplicas(2).withServiceName("db")
                .withNewSelector().addToMatchLabels("app", "db").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata().withNewSpec()
                .addNewContainer().withName("db").withImage("postgres:16").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();

        StatefulSet ready = Eventually.await(PATIENCE,
                () -> client.apps().statefulSets().inNamespace("team-a").withName("db").get(),
                s -> s.getStatus() != null && Integer.valueOf(2).equals(s.getStatus().getReadyReplicas()));

        assertThat(ready.getStatus().getCurrentRevision()).isEqualTo(ready.getStatus().getUpdateRevision())
                .startsWith("db-");
        assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(ready.getStatus().getReplicas()).isEqualTo(2);
        assertThat(ready.getStatus().getUpdatedReplicas()).isEqualTo(2);
        assertThat(ready.getStatus().getAvailableReplicas()).isEqualTo(2);
    }

    @Test
    void aDaemonSetRunsOnEveryNode() {
        client.apps().daemonSets().inNamespace("team-a").resource(new DaemonSetBuilder().withNewMetadata()
                .withName("agent").endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "agent")
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage("busybox:1.36").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();

        var ready = Eventually.await(PATIENCE,
                () -> client.apps().daemonSets().inNamespace("team-a").withName("agent").get(),
                d -> d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getNumberAvailable()));
        assertThat(ready.getStatus().getDesiredNumberScheduled()).isEqualTo(1);
        assertThat(ready.getStatus().getNumberReady()).isEqualTo(1);
        assertThat(ready.getStatus().getUpdatedNumberScheduled()).isEqualTo(1);
        assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void aJobCompletesAndABrokenOneFails() {
        client.batch().v1().jobs().inNamespace("team-a").resource(job("migrate", "flyway/flyway:10")).create();
        client.batch().v1().jobs().inNamespace("team-a").resource(job("migrate-bad", "flyway/flyway:broken")).create();

        Job started = Eventually.await(PATIENCE, () -> liveJob("team-a", "migrate"),
                j -> j.getStatus() != null && j.getStatus().getStartTime() != null);
        assertThat(started.getStatus().getConditions()).isNullOrEmpty();
        assertThat(started.getStatus().getActive()).isEqualTo(1);

        Job complete = Eventually.await(PATIENCE, () -> liveJob("team-a", "migrate"), ControllersTest::finished);
        assertThat(jobCondition(complete, "Complete").getStatus()).isEqualTo("True");
        assertThat(jobCondition(complete, "Complete").getReason()).isEqualTo("CompletionsReached");
        assertThat(complete.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(complete.getStatus().getCompletionTime()).isNotNull();

        Job failed = Eventually.await(PATIENCE, () -> liveJob("team-a", "migrate-bad"), ControllersTest::finished);
        assertThat(jobCondition(failed, "Failed").getStatus()).isEqualTo("True");
        assertThat(jobCondition(failed, "Failed").getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(failed.getStatus().getSucceeded()).isNull();
        assertThat(failed.getStatus().getFailed()).isEqualTo(1);
    }

    @Test
    void podsSucceedRunOrFailByRestartPolicyAndImage() {
        client.pods().inNamespace("team-a").resource(pod("test-ok", "Never", "busybox:1.36")).create();
        client.pods().inNamespace("team-a").resource(pod("test-bad", "Never", "busybox:broken")).create();
        client.pods().inNamespace("team-a").resource(pod("server", "Always", "nginx:1.27")).create();

        assertThat(phase("test-ok", "Succeeded").getStatus().getContainerStatuses().get(0).getState().getTerminated()
                .getExitCode()).isZero();
        assertThat(phase("test-bad", "Failed").getStatus().getContainerStatuses().get(0).getState().getTerminated()
                .getExitCode()).isEqualTo(1);
        Pod server = Eventually.await(PATIENCE, () -> client.pods().inNamespace("team-a").withName("server").get(),
                p -> p.getStatus() != null && p.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
        assertThat(server.getStatus().getPhase()).isEqualTo("Running");
        assertThat(server.getStatus().getPodIP()).startsWith("10.244.");
    }

    @Test
    void claimsBindAndLoadBalancersGetAnAddress() {
        client.persistentVolumeClaims().inNamespace("team-a").resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data").endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build())
                .create();
        client.services().inNamespace("team-a").resource(new ServiceBuilder().withNewMetadata().withName("lb")
                .endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec()
                .build()).create();

        var claim = Eventually.await(PATIENCE,
                () -> client.persistentVolumeClaims().inNamespace("team-a").withName("data").get(),
                c -> c.getStatus() != null && "Bound".equals(c.getStatus().getPhase()));
        assertThat(claim.getStatus().getCapacity()).containsEntry("storage", new Quantity("1Gi"));
        var service = Eventually.await(PATIENCE, () -> client.services().inNamespace("team-a").withName("lb").get(),
                s -> s.getStatus() != null && s.getStatus().getLoadBalancer() != null
                        && s.getStatus().getLoadBalancer().getIngress() != null
                        && !s.getStatus().getLoadBalancer().getIngress().isEmpty());
        assertThat(service.getStatus().getLoadBalancer().getIngress().get(0).getIp()).startsWith("172.18.255.");
    }

    static Deployment deployment(String name, int replicas, String image) {
        Deployment deployment = ApiSurfaceTest.deployment(name);
        deployment.getSpec().setReplicas(replicas);
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
        return deployment;
    }

    static Job job(String name, String image) {
        return new JobBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withBackoffLimit(0)
                .withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer().withName(name)
                .withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
    }

    static Pod pod(String name, String restartPolicy, String image) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().withRestartPolicy(restartPolicy).addNewContainer().withName(name).withImage(image)
                .endContainer().endSpec().build();
    }

    private Pod phase(String name, String phase) {
        return Eventually.await(PATIENCE, () -> client.pods().inNamespace("team-a").withName(name).get(),
                p -> p.getStatus() != null && phase.equals(p.getStatus().getPhase()));
    }

    private Deployment get(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    private Job liveJob(String namespace, String name) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    }

    private static boolean finished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions()
                .stream().anyMatch(c -> (c.getType().equals("Complete") || c.getType().equals("Failed"))
                        && c.getStatus().equals("True"));
    }

    private static JobCondition jobCondition(Job job, String type) {
        return job.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    static DeploymentCondition condition(Deployment deployment, String type) {
        return deployment.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " condition in " + deployment.getStatus()));
    }

}
