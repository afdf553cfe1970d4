package io.helmdeck.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The deployment controller's status, as {@code kube-controller-manager} writes it: replicas counts,
 * {@code observedGeneration}, and the conditions {@code Available} (reason {@code MinimumReplicasAvailable} /
 * {@code MinimumReplicasUnavailable}) and {@code Progressing} ({@code ReplicaSetUpdated} while rolling out,
 * {@code NewReplicaSetAvailable} when done, {@code ProgressDeadlineExceeded} after
 * {@code spec.progressDeadlineSeconds}). Pods become available {@code readyDelay} after a new generation is seen;
 * with a {@code broken} image they never do.
 */
final class DeploymentController implements SandboxController {

    static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

    private final Duration readyDelay;
    private final RolloutClock clock = new RolloutClock();

    DeploymentController(Duration readyDelay) {
        this.readyDelay = readyDelay;
    }

    @Override
    public void reconcile(KubernetesClient client, Instant now) {
        for (Deployment deployment : client.apps().deployments().inAnyNamespace().list().getItems()) {
            if (deployment.getMetadata().getDeletionTimestamp() != null || deployment.getSpec() == null) {
                continue;
            }
            DeploymentStatus status = status(deployment, clock.age(deployment, now), now);
            if (!status.equals(deployment.getStatus())) {
                deployment.setStatus(status);
                StatusWrites.tryWrite(() -> client.apps().deployments()
                        .inNamespace(deployment.getMetadata().getNamespace()).resource(deployment).updateStatus());
            }
        }
        clock.endPass();
    }

    DeploymentStatus status(Deployment deployment, Duration age, Instant now) {
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        Optional<Container> broken = PodTemplates.broken(deployment.getSpec().getTemplate());
        boolean podsReady = broken.isEmpty() && (desired == 0 || age.compareTo(readyDelay) >= 0);
        int available = podsReady ? desired : 0;
        int deadline = deployment.getSpec().getProgressDeadlineSeconds() == null ? DEFAULT_PROGRESS_DEADLINE_SECONDS
                : deployment.getSpec().getProgressDeadlineSeconds();
        boolean stalled = !podsReady && age.getSeconds() >= deadline;
        String replicaSet = deployment.getMetadata().getName() + "-" + PodTemplates.hash(deployment.getSpec().getTemplate());

        DeploymentStatus old = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        List<DeploymentCondition> conditions = new ArrayList<>();
        boolean minimumAvailable = available >= desired - maxUnavailable(deployment, desired);
        conditions.add(condition(old, now, "Available", minimumAvailable,
                minimumAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                minimumAvailable ? "Deployment has minimum availability."
                        : "Deployment does not have minimum availability."));
        if (podsReady) {
            conditions.add(condition(old, now, "Progressing", true, "NewReplicaSetAvailable",
                    "ReplicaSet \"" + replicaSet + "\" has successfully progressed."));
        } else if (stalled) {
            conditions.add(condition(old, now, "Progressing", false, "ProgressDeadlineExceeded",
                    "ReplicaSet \"" + replicaSet + "\" has timed out progressing."));
        } else {
            conditions.add(condition(old, now, "Progressing", true, "ReplicaSetUpdated",
                    "ReplicaSet \"" + replicaSet + "\" is progressing."));
        }
        // Zero counts are omitted, as the API server's JSON encoding of the Go struct omits them.
        return new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(nonZero(desired))
                .withUpdatedReplicas(nonZero(desired))
                .withReadyReplicas(nonZero(available))
                .withAvailableReplicas(nonZero(available))
                .withUnavailableReplicas(nonZero(desired - available))
                .withConditions(conditions)
                .build();
    }

    /** {@code spec.strategy.rollingUpdate.maxUnavailable} (default 25 %, rounded down); 0 for {@code Recreate}. */
    static int maxUnavailable(Deployment deployment, int desired) {
        var strategy = deployment.getSpec().getStrategy();
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            return 0;
        }
        IntOrString value = strategy == null || strategy.getRollingUpdate() == null ? null
                : strategy.getRollingUpdate().getMaxUnavailable();
        if (value == null) {
            return desired / 4;
        }
        if (value.getIntVal() != null) {
            return Math.min(value.getIntVal(), desired);
        }
        String percent = value.getStrVal().replace("%", "").trim();
        return (int) Math.floor(desired * Integer.parseInt(percent) / 100.0);
    }

    private static DeploymentCondition condition(DeploymentStatus old, Instant now, String type, boolean status,
            String reason, String message) {
        String wire = status ? "True" : "False";
        DeploymentCondition previous = old.getConditions() == null ? null : old.getConditions().stream()
                .filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String transition = Timestamps.transition(previous == null ? null : previous.getStatus(),
                previous == null ? null : previous.getLastTransitionTime(), wire, now);
        boolean same = previous != null && wire.equals(previous.getStatus()) && reason.equals(previous.getReason())
                && message.equals(previous.getMessage());
        String update = same ? previous.getLastUpdateTime() : Timestamps.format(now);
        return new DeploymentConditionBuilder().withType(type).withStatus(wire).withReason(reason)
                .withMessage(message).withLastTransitionTime(transition).withLastUpdateTime(update).build();
    }

    static Integer nonZero(int value) {
        return value == 0 ? null : value;
    }
}
