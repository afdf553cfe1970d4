package io.helmdeck.release.health;

import java.util.Map;
import java.util.Optional;

/** Readiness of the replicated workloads: Deployment, StatefulSet, DaemonSet, ReplicaSet. */
final class WorkloadRules {

    private WorkloadRules() {
    }

    /**
     * Current when the controller has observed the latest generation and updated, ready and available replicas all
     * equal the desired count with no old replica left; failed once {@code Progressing} says the progress deadline
     * passed.
     */
    static ObjectHealth deployment(ObjectView o) {
        long desired = o.number("spec.replicas", 1);
        long available = o.number("status.availableReplicas", 0);
        Optional<Map<String, Object>> progressing = o.condition("Progressing");
        if (progressing.isPresent() && "ProgressDeadlineExceeded".equals(progressing.get().get("reason"))) {
            return o.failed(available + "/" + desired + " available (ProgressDeadlineExceeded)");
        }
        if (o.get("status.observedGeneration").isEmpty()) {
            return o.inProgress("not observed by its controller yet");
        }
        Optional<ObjectHealth> stale = o.staleGeneration();
        if (stale.isPresent()) {
            return stale.get();
        }
        long updated = o.number("status.updatedReplicas", 0);
        long ready = o.number("status.readyReplicas", 0);
        long total = o.number("status.replicas", 0);
        if (available < desired) {
            return o.inProgress(available + "/" + desired + " available" + reason(o));
        }
        if (updated < desired) {
            return o.inProgress(updated + "/" + desired + " updated");
        }
        if (total > desired) {
            return o.inProgress((total - desired) + " old replicas pending termination");
        }
        if (ready < desired) {
            return o.inProgress(ready + "/" + desired + " ready");
        }
        return o.ready(available + "/" + desired + " available");
    }

    /** Ready replicas equal the desired count and the current revision is the update revision. */
    static ObjectHealth statefulSet(ObjectView o) {
        if (o.get("status.observedGeneration").isEmpty()) {
            return o.inProgress("not observed by its controller yet");
        }
        Optional<ObjectHealth> stale = o.staleGeneration();
        if (stale.isPresent()) {
            return stale.get();
        }
        if ("OnDelete".equals(o.string("spec.updateStrategy.type").orElse(""))) {
            return o.ready("updated on delete, not waited for");
        }
        long desired = o.number("spec.replicas", 1);
        long ready = o.number("status.readyReplicas", 0);
        long total = o.number("status.replicas", 0);
        long updated = o.number("status.updatedReplicas", 0);
        if (total < desired) {
            return o.inProgress(total + "/" + desired + " replicas created");
        }
        if (ready < desired) {
            return o.inProgress(ready + "/" + desired + " ready");
        }
        if (total > desired) {
            return o.inProgress((total - desired) + " replicas pending termination");
        }
        long partition = o.number("spec.updateStrategy.rollingUpdate.partition", -1);
        if (partition > 0) {
            return updated < desired - partition
                    ? o.inProgress(updated + "/" + (desired - partition) + " updated above partition " + partition)
                    : o.ready(ready + "/" + desired + " ready (partitioned rollout done)");
        }
        String current = o.string("status.currentRevision").orElse("");
        String update = o.string("status.updateRevision").orElse("");
        if (!current.equals(update)) {
            return o.inProgress("rolling out revision " + update + " (current " + current + ")");
        }
        return o.ready(ready + "/" + desired + " ready");
    }

    /** Every node that should run a pod runs an updated, ready, available one. */
    static ObjectHealth daemonSet(ObjectView o) {
        if (o.generation().isPresent() && o.get("status.observedGeneration").isEmpty()) {
            return o.inProgress("not observed by its controller yet");
        }
        Optional<ObjectHealth> stale = o.staleGeneration();
        if (stale.isPresent()) {
            return stale.get();
        }
        if (o.get("status.desiredNumberScheduled").isEmpty()) {
            return o.inProgress("desired number of pods not known yet");
        }
        long desired = o.number("status.desiredNumberScheduled", 0);
        long updated = o.number("status.updatedNumberScheduled", 0);
        long available = o.number("status.numberAvailable", 0);
        long ready = o.number("status.numberReady", 0);
        if (updated < desired) {
            return o.inProgress(updated + "/" + desired + " updated");
        }
        if (available < desired) {
            return o.inProgress(available + "/" + desired + " available");
        }
        if (ready < desired) {
            return o.inProgress(ready + "/" + desired + " ready");
        }
        return o.ready(available + "/" + desired + " available");
    }

    static ObjectHealth replicaSet(ObjectView o) {
        Optional<ObjectHealth> stale = o.staleGeneration();
        if (stale.isPresent()) {
            return stale.get();
        }
        long desired = o.number("spec.replicas", 1);
        long available = o.number("status.availableReplicas", 0);
        long ready = o.number("status.readyReplicas", 0);
        Optional<Map<String, Object>> failure = o.condition("ReplicaFailure");
        String why = failure.isPresent() && "True".equals(failure.get().get("status"))
                ? " (" + ObjectView.reasonAndMessage(failure.get()) + ")" : "";
        if (available < desired) {
            return o.inProgress(available + "/" + desired + " available" + why);
        }
        if (ready < desired) {
            return o.inProgress(ready + "/" + desired + " ready" + why);
        }
        if (o.number("status.replicas", 0) > desired) {
            return o.inProgress((o.number("status.replicas", 0) - desired) + " replicas pending termination");
        }
        return o.ready(available + "/" + desired + " available");
    }

    /** The controller's own word for why replicas are missing: the Available condition's reason when it is False. */
    private static String reason(ObjectView o) {
        Optional<Map<String, Object>> available = o.condition("Available");
        if (available.isPresent() && "False".equals(available.get().get("status"))
                && available.get().get("reason") != null) {
            return " (" + available.get().get("reason") + ")";
        }
        return o.condition("Progressing").map(c -> c.get("reason")).map(r -> " (" + r + ")").orElse("");
    }
}
