package io.helmdeck.sandbox;

import static io.helmdeck.sandbox.DeploymentController.nonZero;

import java.time.Duration;
import java.time.Instant;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The DaemonSet controller's status for a cluster of {@code nodes} schedulable nodes: one pod per node. */
final class DaemonSetController implements SandboxController {

    private final Duration readyDelay;
    private final int nodes;
    private final RolloutClock clock = new RolloutClock();

    DaemonSetController(Duration readyDelay, int nodes) {
        this.readyDelay = readyDelay;
        this.nodes = nodes;
    }

    @Override
    public void reconcile(KubernetesClient client, Instant now) {
        for (DaemonSet set : client.apps().daemonSets().inAnyNamespace().list().getItems()) {
            if (set.getMetadata().getDeletionTimestamp() != null || set.getSpec() == null) {
                continue;
            }
            DaemonSetStatus status = status(set, clock.age(set, now));
            if (!status.equals(set.getStatus())) {
                set.setStatus(status);
                StatusWrites.tryWrite(() -> client.apps().daemonSets()
                        .inNamespace(set.getMetadata().getNamespace()).resource(set).updateStatus());
            }
        }
        clock.endPass();
    }

    DaemonSetStatus status(DaemonSet set, Duration age) {
        boolean ready = PodTemplates.broken(set.getSpec().getTemplate()).isEmpty() && age.compareTo(readyDelay) >= 0;
        int readyCount = ready ? nodes : 0;
        return new DaemonSetStatusBuilder()
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withDesiredNumberScheduled(nodes)
                .withCurrentNumberScheduled(nodes)
                .withUpdatedNumberScheduled(nonZero(nodes))
                .withNumberMisscheduled(0)
                .withNumberReady(readyCount)
                .withNumberAvailable(nonZero(readyCount))
                .withNumberUnavailable(nonZero(nodes - readyCount))
                .build();
    }
}
