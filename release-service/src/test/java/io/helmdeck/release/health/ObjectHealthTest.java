package io.helmdeck.release.health;

import static io.helmdeck.release.health.HealthStatus.FAILED;
import static io.helmdeck.release.health.HealthStatus.IN_PROGRESS;
import static io.helmdeck.release.health.HealthStatus.READY;
import static io.helmdeck.release.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The readiness rules, one live object (as the API server returns it) per row. */
class ObjectHealthTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Arguments> objects() {
        return Stream.of(
                row("deployment rolled out", READY, "Deployment team-a/web: 3/3 available", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web, namespace: team-a, generation: 2}
                        spec: {replicas: 3}
                        status:
                          observedGeneration: 2
                          replicas: 3
                          updatedReplicas: 3
                          readyReplicas: 3
                          availableReplicas: 3
                          conditions:
                          - {type: Available, status: "True", reason: MinimumReplicasAvailable}
                          - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
                        """),
                row("deployment without available pods", IN_PROGRESS,
                        "Deployment team-a/web: 0/3 available (MinimumReplicasUnavailable)", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web, namespace: team-a, generation: 1}
                        spec: {replicas: 3}
                        status:
                          observedGeneration: 1
                          replicas: 3
                          updatedReplicas: 3
                          unavailableReplicas: 3
                          conditions:
                          - {type: Available, status: "False", reason: MinimumReplicasUnavailable}
                          - {type: Progressing, status: "True", reason: ReplicaSetUpdated}
                        """),
                row("deployment spec not observed yet", IN_PROGRESS,
                        "Deployment team-a/web: generation 3 not observed yet (observed 2)", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web, namespace: team-a, generation: 3}
                        spec: {replicas: 1}
                        status: {observedGeneration: 2, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1}
                        """),
                row("deployment never looked at", IN_PROGRESS,
                        "Deployment team-a/web: not observed by its controller yet", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web, namespace: team-a, generation: 1}
                        spec: {replicas: 1}
                        """),
                row("deployment half updated, old pods serving", IN_PROGRESS, "Deployment team-a/web: 1/3 updated", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web, namespace: team-a, generation: 2}
                        spec: {replicas: 3}
                        status: {observedGeneration: 2, replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3}
                        """),
                row("deployment with a surplus old pod", IN_PROGRESS,
                        "Deployment team-a/web: 1 old replicas pending termination", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web, namespace: team-a, generation: 2}
                        spec: {replicas: 3}
                        status: {observedGeneration: 2, replicas: 4, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3}
                        """),
                row("deployment past its progress deadline", FAILED,
                        "Deployment team-a/web: 0/1 available (ProgressDeadlineExceeded)", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web, namespace: team-a, generation: 1}
                        spec: {replicas: 1}
                        status:
                          observedGeneration: 1
                          replicas: 1
                          conditions:
                          - {type: Progressing, status: "False", reason: ProgressDeadlineExceeded}
                        """),
                row("deployment scaled to zero", READY, "Deployment team-a/web: 0/0 available", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web, namespace: team-a, generation: 4}
                        spec: {replicas: 0}
                        status: {observedGeneration: 4}
                        """),
                row("statefulset done", READY, "StatefulSet team-a/db: 2/2 ready", """
                        apiVersion: apps/v1
                        kind: StatefulSet
                        metadata: {name: db, namespace: team-a, generation: 1}
                        spec: {replicas: 2}
                        status: {observedGeneration: 1, replicas: 2, readyReplicas: 2, updatedReplicas: 2,
                                 currentRevision: db-1, updateRevision: db-1}
                        """),
                row("statefulset mid-rollout", IN_PROGRESS, "StatefulSet team-a/db: rolling out revision db-2 (current db-1)",
                        """
                        apiVersion: apps/v1
                        kind: StatefulSet
                        metadata: {name: db, namespace: team-a, generation: 2}
                        spec: {replicas: 2}
                        status: {observedGeneration: 2, replicas: 2, readyReplicas: 2, updatedReplicas: 1,
                                 currentRevision: db-1, updateRevision: db-2}
                        """),
                row("statefulset not ready", IN_PROGRESS, "StatefulSet team-a/db: 0/2 ready", """
                        apiVersion: apps/v1
                        kind: StatefulSet
                        metadata: {name: db, namespace: team-a, generation: 1}
                        spec: {replicas: 2}
                        status: {observedGeneration: 1, replicas: 2, currentRevision: db-1, updateRevision: db-1}
                        """),
                row("daemonset on every node", READY, "DaemonSet kube-system/agent: 3/3 available", """
                        apiVersion: apps/v1
                        kind: DaemonSet
                        metadata: {name: agent, namespace: kube-system, generation: 1}
                        status: {observedGeneration: 1, desiredNumberScheduled: 3, currentNumberScheduled: 3,
                                 updatedNumberScheduled: 3, numberAvailable: 3, numberReady: 3}
                        """),
                row("daemonset missing a pod", IN_PROGRESS, "DaemonSet kube-system/agent: 2/3 available", """
                        apiVersion: apps/v1
                        kind: DaemonSet
                        metadata: {name: agent, namespace: kube-system, generation: 1}
                        status: {observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3,
                                 numberAvailable: 2, numberReady: 2}
                        """),
                row("replicaset available", READY, "ReplicaSet team-a/web-5d4f: 2/2 available", """
                        apiVersion: apps/v1
                        kind: ReplicaSet
                        metadata: {name: web-5d4f, namespace: team-a, generation: 1}
                        spec: {replicas: 2}
                        status: {observedGeneration: 1, replicas: 2, readyReplicas: 2, availableReplicas: 2}
                        """),
                row("replicaset blocked by quota", IN_PROGRESS,
                        "ReplicaSet team-a/web-5d4f: 0/2 available (FailedCreate: exceeded quota)", """
                        apiVersion: apps/v1
                        kind: ReplicaSet
                        metadata: {name: web-5d4f, namespace: team-a, generation: 1}
                        spec: {replicas: 2}
                        status:
                          observedGeneration: 1
                          replicas: 0
                          conditions:
                          - {type: ReplicaFailure, status: "True", reason: FailedCreate, message: exceeded quota}
                        """),
                row("pod succeeded", READY, "Pod team-a/web-test: completed", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: web-test, namespace: team-a}
                        status: {phase: Succeeded}
                        """),
                row("pod failed", FAILED, "Pod team-a/web-test: failed (container test exited 1: Error)", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: web-test, namespace: team-a}
                        status:
                          phase: Failed
                          containerStatuses:
                          - name: test
                            state: {terminated: {exitCode: 1, reason: Error}}
                        """),
                row("pod crash-looping", FAILED, "Pod team-a/web: container app in CrashLoopBackOff", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: web, namespace: team-a}
                        status:
                          phase: Running
                          conditions: [{type: Ready, status: "False"}]
                          containerStatuses:
                          - name: app
                            state: {waiting: {reason: CrashLoopBackOff}}
                        """),
                row("pod running and ready", READY, "Pod team-a/web: running and ready", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: web, namespace: team-a}
                        status:
                          phase: Running
                          conditions: [{type: Ready, status: "True"}]
                        """),
                row("pod unschedulable", IN_PROGRESS,
                        "Pod team-a/web: pending (Unschedulable: 0/3 nodes are available)", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: web, namespace: team-a}
                        status:
                          phase: Pending
                          conditions: [{type: PodScheduled, status: "False", reason: Unschedulable,
                                        message: 0/3 nodes are available}]
                        """),
                row("job complete", READY, "Job team-a/migrate: complete (1/1 succeeded)", """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: migrate, namespace: team-a}
                        spec: {}
                        status:
                          startTime: "2026-12-06T10:00:00Z"
                          succeeded: 1
                          conditions: [{type: Complete, status: "True", reason: CompletionsReached}]
                        """),
                row("job failed", FAILED,
                        "Job team-a/migrate: failed (BackoffLimitExceeded: Job has reached the specified backoff limit)",
                        """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: migrate, namespace: team-a}
                        status:
                          startTime: "2026-12-06T10:00:00Z"
                          failed: 7
                          conditions:
                          - {type: Failed, status: "True", reason: BackoffLimitExceeded,
                             message: Job has reached the specified backoff limit}
                        """),
                row("job running", IN_PROGRESS, "Job team-a/migrate: running (0/1 succeeded, 1 active, 0 failed)", """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: migrate, namespace: team-a}
                        status: {startTime: "2026-12-06T10:00:00Z", active: 1}
                        """),
                row("job not started", IN_PROGRESS, "Job team-a/migrate: not started", """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: migrate, namespace: team-a}
                        """),
                row("claim bound", READY, "PersistentVolumeClaim team-a/data: Bound", """
                        apiVersion: v1
                        kind: PersistentVolumeClaim
                        metadata: {name: data, namespace: team-a}
                        status: {phase: Bound}
                        """),
                row("claim pending", IN_PROGRESS, "PersistentVolumeClaim team-a/data: Pending, not bound yet", """
                        apiVersion: v1
                        kind: PersistentVolumeClaim
                        metadata: {name: data, namespace: team-a}
                        status: {phase: Pending}
                        """),
                row("load balancer with an address", READY, "Service team-a/lb: load balancer at 172.18.255.1", """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: lb, namespace: team-a}
                        spec: {type: LoadBalancer}
                        status: {loadBalancer: {ingress: [{ip: 172.18.255.1}]}}
                        """),
                row("load balancer waiting", IN_PROGRESS, "Service team-a/lb: waiting for a load-balancer address", """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: lb, namespace: team-a}
                        spec: {type: LoadBalancer}
                        status: {loadBalancer: {}}
                        """),
                row("cluster ip service", READY, "Service team-a/web: exists", """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: web, namespace: team-a}
                        spec: {type: ClusterIP}
                        """),
                row("crd established", READY, "CustomResourceDefinition widgets.example.com: established", """
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata: {name: widgets.example.com}
                        status:
                          conditions:
                          - {type: NamesAccepted, status: "True", reason: NoConflicts}
                          - {type: Established, status: "True", reason: InitialNamesAccepted}
                        """),
                row("crd name clash", FAILED,
                        "CustomResourceDefinition widgets.example.com: names not accepted (ListKindConflict: "
                                + "\"WidgetList\" is already in use)", """
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata: {name: widgets.example.com}
                        status:
                          conditions:
                          - {type: NamesAccepted, status: "False", reason: ListKindConflict,
                             message: '"WidgetList" is already in use'}
                        """),
                row("crd just stored", IN_PROGRESS, "CustomResourceDefinition widgets.example.com: not established yet",
                        """
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata: {name: widgets.example.com}
                        """),
                row("custom resource ready", READY, "HelmRepository flux-system/podinfo: Ready (stored artifact)", """
                        apiVersion: source.toolkit.fluxcd.io/v1
                        kind: HelmRepository
                        metadata: {name: podinfo, namespace: flux-system, generation: 1}
                        status:
                          observedGeneration: 1
                          conditions: [{type: Ready, status: "True", reason: Succeeded, message: stored artifact}]
                        """),
                row("custom resource not ready", FAILED,
                        "Certificate team-a/tls: not ready (DoesNotExist: Issuer letsencrypt not found)", """
                        apiVersion: cert-manager.io/v1
                        kind: Certificate
                        metadata: {name: tls, namespace: team-a, generation: 1}
                        status:
                          conditions:
                          - {type: Ready, status: "False", reason: DoesNotExist, message: Issuer letsencrypt not found}
                        """),
                row("custom resource with a stale Ready", IN_PROGRESS,
                        "Certificate team-a/tls: generation 2 not observed yet (observed 1)", """
                        apiVersion: cert-manager.io/v1
                        kind: Certificate
                        metadata: {name: tls, namespace: team-a, generation: 2}
                        status:
                          observedGeneration: 1
                          conditions: [{type: Ready, status: "True"}]
                        """),
                row("custom resource reconciling", IN_PROGRESS,
                        "Widget team-a/w: reconciling (Progressing: scaling up)", """
                        apiVersion: example.com/v1
                        kind: Widget
                        metadata: {name: w, namespace: team-a}
                        status:
                          conditions:
                          - {type: Reconciling, status: "True", reason: Progressing, message: scaling up}
                          - {type: Ready, status: "Unknown"}
                        """),
                row("config map", READY, "ConfigMap team-a/settings: exists", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings, namespace: team-a}
                        """),
                row("object being deleted", IN_PROGRESS, "ConfigMap team-a/settings: being deleted", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings, namespace: team-a, deletionTimestamp: "2026-12-06T10:00:00Z"}
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void judgesEachObjectAndSaysWhy(String description, HealthStatus expected, String message, String yaml)
            throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = YAML.readValue(yaml, Map.class);

        ObjectHealth health = ObjectHealth.of(object);

        assertThat(health.message()).isEqualTo(message);
        assertThat(health.status()).isEqualTo(expected);
    }

    @Test
    void anObjectWithoutKindCannotBeJudged() {
        assertThat(ObjectHealth.of(Map.of("metadata", Map.of("name", "x"))).status()).isEqualTo(UNKNOWN);
        assertThat(ObjectHealth.of(null).status()).isEqualTo(UNKNOWN);
    }

    @Test
    void aMissingObjectIsWaitedFor() {
        ObjectHealth health = ObjectHealth.missing("Deployment", "team-a", "web");

        assertThat(health.status()).isEqualTo(IN_PROGRESS);
        assertThat(health.message()).isEqualTo("Deployment team-a/web: not found");
    }

    private static Arguments row(String description, HealthStatus expected, String message, String yaml) {
        return Arguments.of(description, expected, message, yaml);
    }
}
