package io.helmdeck.sandbox;

import static io.helmdeck.sandbox.DeploymentController.nonZero;

import java.time.Duration;
import java.time.Instant;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The ReplicaSet controller's status for ReplicaSets a chart creates itself. (The sandbox's Deployments create no
 * ReplicaSets: they only report, see {@link DeploymentController}.)
 */
final class ReplicaSetController implements SandboxController {

    private final Duration readyDelay;
    private final RolloutClock clock = new RolloutClock();

    ReplicaSetController(Duration readyDelay) {
        this.readyDelay = readyDelay;
    }

    @Override
    public void reconcile(KubernetesClient client, Instant now) {
        for (ReplicaSet set : client.apps().replicaSets().inAnyNamespace().list().getItems()) {
            if (set.getMetadata().getDeletionTimestamp() != null || set.getSpec() == null) {
                continue;
            }
            ReplicaSetStatus status = status(set, clock.age(set, now));
            if (!status.equals(set.getStatus())) {
                set.setStatus(status);
                StatusWrites.tryWrite(() -> client.apps().replicaSets()
                        .inNamespace(set.getMetadata().getNamespace()).resource(set).updateStatus());
            }
        }
        clock.endPass();
    }

    ReplicaSetStatus status(ReplicaSet set, Duration age) {
        int desired = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        boolean ready = PodTemplates.broken(set.getSpec().getTemplate()).isEmpty()
                && (desired == 0 || age.compareTo(readyDelay) >= 0);
        int readyCount = ready ? desired : 0;
        return new ReplicaSetStatusBuilder()
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withReplicas(desired)
                .withFullyLabeledReplicas(nonZero(desired))
                .withReadyReplicas(nonZero(readyCount))
                .withAvailableReplicas(nonZero(readyCount))
                .build();
    }
}
