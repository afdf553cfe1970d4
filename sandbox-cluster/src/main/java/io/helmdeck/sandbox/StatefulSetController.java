package io.helmdeck.sandbox;

import static io.helmdeck.sandbox.DeploymentController.nonZero;

import java.time.Duration;
import java.time.Instant;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The StatefulSet controller's status: replica counts, {@code observedGeneration} and the revisions. While a new
 * template rolls out, {@code updateRevision} names it and {@code currentRevision} still names the old one; once every
 * pod is ready both are the same, which is what readiness checks wait for. The real controller sets no conditions.
 */
final class StatefulSetController implements SandboxController {

    private final Duration readyDelay;
    private final RolloutClock clock = new RolloutClock();

    StatefulSetController(Duration readyDelay) {
        this.readyDelay = readyDelay;
    }

    @Override
    public void reconcile(KubernetesClient client, Instant now) {
        for (StatefulSet set : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
            if (set.getMetadata().getDeletionTimestamp() != null || set.getSpec() == null) {
                continue;
            }
            StatefulSetStatus status = status(set, clock.age(set, now));
            if (!status.equals(set.getStatus())) {
                set.setStatus(status);
                StatusWrites.tryWrite(() -> client.apps().statefulSets()
                        .inNamespace(set.getMetadata().getNamespace()).resource(set).updateStatus());
            }
        }
        clock.endPass();
    }

    StatefulSetStatus status(StatefulSet set, Duration age) {
        int desired = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        boolean ready = PodTemplates.broken(set.getSpec().getTemplate()).isEmpty()
                && (desired == 0 || age.compareTo(readyDelay) >= 0);
        String revision = set.getMetadata().getName() + "-" + PodTemplates.hash(set.getSpec().getTemplate());
        String previous = set.getStatus() == null ? null : set.getStatus().getCurrentRevision();
        String current = ready || previous == null ? revision : previous;
        int readyCount = ready ? desired : 0;
        return new StatefulSetStatusBuilder()
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withReplicas(desired)
                .withReadyReplicas(nonZero(readyCount))
                .withAvailableReplicas(readyCount)
                .withCurrentReplicas(nonZero(current.equals(revision) ? desired : desired - readyCount))
                .withUpdatedReplicas(nonZero(desired))
                .withCurrentRevision(current)
                .withUpdateRevision(revision)
                .withCollisionCount(0)
                .build();
    }
}
