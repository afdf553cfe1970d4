package io.helmdeck.release.health;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The health of one live Kubernetes object, judged from its stored state only, by the rules of kstatus
 * ({@code sigs.k8s.io/cli-utils/pkg/kstatus/status}, which Flux's helm-controller waits with) and Helm's
 * {@code --wait}: Deployments, StatefulSets, DaemonSets, ReplicaSets, Pods, Jobs, PersistentVolumeClaims,
 * LoadBalancer Services, CustomResourceDefinitions, and any object with a {@code Ready} condition; everything else
 * is ready once it exists. Pure: no clock, no cluster.
 *
 * <p>Where Helmdeck is stricter than kstatus, on purpose: a failed Pod is {@link HealthStatus#FAILED} (kstatus calls
 * it Current), so a broken hook or test Pod fails the action; a running Job is in progress until it completes (Helm's
 * {@code --wait-for-jobs}); {@code Ready=False} fails (kstatus waits), as the release's contract says.
 *
 * @param status  the verdict
 * @param message one line naming the object and why, e.g. {@code Deployment team-a/web: 0/3 available (MinimumReplicasUnavailable)}
 */
public record ObjectHealth(HealthStatus status, String message) {

    public ObjectHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    public boolean ready() {
        return status == HealthStatus.READY;
    }

    public boolean failed() {
        return status == HealthStatus.FAILED;
    }

    /** An object that should exist but is not there (yet). */
    public static ObjectHealth missing(String kind, String namespace, String name) {
        return new ObjectHealth(HealthStatus.IN_PROGRESS, ObjectView.label(kind, namespace, name) + ": not found");
    }

    /**
     * Evaluates a live object in its unstructured form (as JSON decodes it: maps, lists, strings, numbers,
     * booleans), e.g. {@code client.getKubernetesSerialization().convertValue(live, Map.class)}.
     */
    public static ObjectHealth of(Map<String, Object> object) {
        if (object == null || !(object.get("kind") instanceof String) || !(object.get("metadata") instanceof Map)) {
            return new ObjectHealth(HealthStatus.UNKNOWN, "object without kind or metadata");
        }
        ObjectView o = new ObjectView(object);
        if (o.string("metadata.deletionTimestamp").isPresent()) {
            return o.inProgress("being deleted");
        }
        return switch (o.groupKind()) {
            case "apps/Deployment", "extensions/Deployment" -> WorkloadRules.deployment(o);
            case "apps/StatefulSet" -> WorkloadRules.statefulSet(o);
            case "apps/DaemonSet", "extensions/DaemonSet" -> WorkloadRules.daemonSet(o);
            case "apps/ReplicaSet", "extensions/ReplicaSet" -> WorkloadRules.replicaSet(o);
            case "Pod" -> RunRules.pod(o);
            case "batch/Job" -> RunRules.job(o);
            case "PersistentVolumeClaim" -> claim(o);
            case "Service" -> service(o);
            case "apiextensions.k8s.io/CustomResourceDefinition" -> crd(o);
            default -> generic(o);
        };
    }

    private static ObjectHealth claim(ObjectView o) {
        String phase = o.string("status.phase").orElse("Pending");
        return switch (phase) {
            case "Bound" -> o.ready("Bound");
            case "Lost" -> o.failed("Lost (its volume is gone)");
            default -> o.inProgress(phase + ", not bound yet");
        };
    }

    private static ObjectHealth service(ObjectView o) {
        if (!"LoadBalancer".equals(o.string("spec.type").orElse("ClusterIP"))) {
            return o.ready("exists");
        }
        List<Object> ingress = o.list("status.loadBalancer.ingress");
        for (Object entry : ingress) {
            if (entry instanceof Map<?, ?> address) {
                Object value = address.get("ip") != null ? address.get("ip") : address.get("hostname");
                if (value != null) {
                    return o.ready("load balancer at " + value);
                }
            }
        }
        return o.inProgress("waiting for a load-balancer address");
    }

    private static ObjectHealth crd(ObjectView o) {
        Optional<Map<String, Object>> names = o.condition("NamesAccepted");
        if (names.isPresent() && "False".equals(names.get().get("status"))) {
            return o.failed("names not accepted (" + ObjectView.reasonAndMessage(names.get()) + ")");
        }
        Optional<Map<String, Object>> established = o.condition("Established");
        if (established.isPresent() && "True".equals(established.get().get("status"))) {
            return o.ready("established");
        }
        if (established.isPresent() && "False".equals(established.get().get("status"))
                && !"Installing".equals(established.get().get("reason"))) {
            return o.failed("not established (" + ObjectView.reasonAndMessage(established.get()) + ")");
        }
        return o.inProgress("not established yet");
    }

    /** kstatus' generic rules for every other kind: observedGeneration, then Stalled / Reconciling / Ready. */
    private static ObjectHealth generic(ObjectView o) {
        Optional<ObjectHealth> stale = o.staleGeneration();
        if (stale.isPresent()) {
            return stale.get();
        }
        Optional<Map<String, Object>> stalled = o.condition("Stalled");
        if (stalled.isPresent() && "True".equals(stalled.get().get("status"))) {
            return o.failed("stalled (" + ObjectView.reasonAndMessage(stalled.get()) + ")");
        }
        Optional<Map<String, Object>> reconciling = o.condition("Reconciling");
        if (reconciling.isPresent() && "True".equals(reconciling.get().get("status"))) {
            return o.inProgress("reconciling (" + ObjectView.reasonAndMessage(reconciling.get()) + ")");
        }
        Optional<Map<String, Object>> ready = o.condition("Ready");
        if (ready.isEmpty()) {
            return o.ready("exists");
        }
        Object conditionGeneration = ready.get().get("observedGeneration");
        if (conditionGeneration instanceof Number observed && o.generation().isPresent()
                && observed.longValue() < o.generation().get()) {
            return o.inProgress("Ready condition is for generation " + observed + ", current is "
                    + o.generation().get());
        }
        return switch (String.valueOf(ready.get().get("status"))) {
            case "True" -> o.ready("Ready" + ObjectView.optionalMessage(ready.get()));
            case "False" -> o.failed("not ready (" + ObjectView.reasonAndMessage(ready.get()) + ")");
            default -> o.inProgress("Ready is Unknown (" + ObjectView.reasonAndMessage(ready.get()) + ")");
        };
    }
}
