package io.helmdeck.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The scheduler and kubelet of a one-node cluster, for Pods created directly (Helm test and hook Pods, bare Pods):
 * {@code Pending} on the first pass, then {@code readyDelay} later a Pod with {@code restartPolicy: Always} is
 * {@code Running} and {@code Ready}, one with {@code Never} / {@code OnFailure} has {@code Succeeded}. A
 * {@code broken} image exits with code 1: {@code Failed} under {@code Never}, crash-looping
 * ({@code CrashLoopBackOff}, not ready) otherwise. Nothing is run.
 */
final class PodController implements SandboxController {

    static final String NODE = "sandbox-node";
    private static final String HOST_IP = "10.89.0.2";

    private final Duration readyDelay;
    private final RolloutClock clock = new RolloutClock();
    private final Map<String, String> podIps = new ConcurrentHashMap<>();
    private final AtomicInteger nextIp = new AtomicInteger(10);

    PodController(Duration readyDelay) {
        this.readyDelay = readyDelay;
    }

    @Override
    public void reconcile(KubernetesClient client, Instant now) {
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null || pod.getSpec() == null || finished(pod)) {
                continue;
            }
            PodStatus status = status(pod, clock.age(pod, now), now);
            if (!status.equals(pod.getStatus())) {
                pod.setStatus(status);
                StatusWrites.tryWrite(() -> client.pods().inNamespace(pod.getMetadata().getNamespace())
                        .resource(pod).updateStatus());
            }
        }
        podIps.keySet().retainAll(pods.stream().map(p -> p.getMetadata().getUid()).toList());
        clock.endPass();
    }

    PodStatus status(Pod pod, Duration age, Instant now) {
        PodStatus old = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String started = old.getStartTime() != null ? old.getStartTime() : Timestamps.format(now);
        String ip = podIps.computeIfAbsent(pod.getMetadata().getUid(),
                uid -> "10.244.0." + (nextIp.getAndIncrement() % 250 + 2));
        PodStatusBuilder status = new PodStatusBuilder().withHostIP(HOST_IP).withStartTime(started)
                .withQosClass("BestEffort");
        List<Container> containers = pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
        if (age.compareTo(readyDelay) < 0) {
            return status.withPhase("Pending")
                    .withConditions(conditions(old, now, false, "ContainersNotReady", containers))
                    .withContainerStatuses(containerStatuses(containers, waiting("ContainerCreating"), false, 0))
                    .build();
        }
        status.withPodIP(ip).withPodIPs(new PodIP(ip));
        String restartPolicy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        boolean broken = PodTemplates.broken(pod.getSpec()).isPresent();
        if (broken && "Never".equals(restartPolicy)) {
            return status.withPhase("Failed")
                    .withConditions(conditions(old, now, false, "PodFailed", containers))
                    .withContainerStatuses(containerStatuses(containers, terminated(1, "Error", now), false, 0))
                    .build();
        }
        if (broken) {
            return status.withPhase("Running")
                    .withConditions(conditions(old, now, false, "ContainersNotReady", containers))
                    .withContainerStatuses(containerStatuses(containers, waiting("CrashLoopBackOff"), false, 1))
                    .build();
        }
        if (!"Always".equals(restartPolicy)) {
            return status.withPhase("Succeeded")
                    .withConditions(conditions(old, now, false, "PodCompleted", containers))
                    .withContainerStatuses(containerStatuses(containers, terminated(0, "Completed", now), false, 0))
                    .build();
        }
        return status.withPhase("Running")
                .withConditions(conditions(old, now, true, null, containers))
                .withContainerStatuses(containerStatuses(containers, new ContainerStateBuilder().withNewRunning()
                        .withStartedAt(Timestamps.format(now)).endRunning().build(), true, 0))
                .build();
    }

    private static boolean finished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static List<PodCondition> conditions(PodStatus old, Instant now, boolean ready, String notReadyReason,
            List<Container> containers) {
        String unready = "containers with unready status: ["
                + String.join(" ", containers.stream().map(Container::getName).toList()) + "]";
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(old, now, "PodReadyToStartContainers", true, null, null));
        conditions.add(condition(old, now, "Initialized", true, null, null));
        conditions.add(condition(old, now, "Ready", ready, notReadyReason, ready ? null : unready));
        conditions.add(condition(old, now, "ContainersReady", ready, notReadyReason, ready ? null : unready));
        conditions.add(condition(old, now, "PodScheduled", true, null, null));
        return conditions;
    }

    private static PodCondition condition(PodStatus old, Instant now, String type, boolean status, String reason,
            String message) {
        String wire = status ? "True" : "False";
        PodCondition previous = old.getConditions() == null ? null : old.getConditions().stream()
                .filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        return new PodConditionBuilder().withType(type).withStatus(wire).withReason(reason).withMessage(message)
                .withLastTransitionTime(Timestamps.transition(previous == null ? null : previous.getStatus(),
                        previous == null ? null : previous.getLastTransitionTime(), wire, now))
                .build();
    }

    private static List<ContainerStatus> containerStatuses(List<Container> containers, ContainerState state,
            boolean ready, int restarts) {
        return containers.stream().map(c -> new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                .withImageID("").withReady(ready).withStarted(ready).withRestartCount(restarts).withState(state)
                .build()).toList();
    }

    private static ContainerState waiting(String reason) {
        return new ContainerStateBuilder().withNewWaiting().withReason(reason).endWaiting().build();
    }

    private static ContainerState terminated(int exitCode, String reason, Instant now) {
        return new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode).withReason(reason)
                .withFinishedAt(Timestamps.format(now)).endTerminated().build();
    }
}
