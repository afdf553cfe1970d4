package io.helmdeck.release.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read access to an unstructured object by dotted paths, and verdicts worded with the object's name. */
final class ObjectView {

    private final Map<String, Object> object;
    private final String label;

    ObjectView(Map<String, Object> object) {
        this.object = object;
        this.label = label(string("kind").orElse("?"), string("metadata.namespace").orElse(null),
                string("metadata.name").orElse("?"));
    }

    /** {@code Deployment team-a/web}, or {@code CustomResourceDefinition widgets.example.com} without a namespace. */
    static String label(String kind, String namespace, String name) {
        return kind + " " + (namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }

    /** {@code apps/Deployment}, or just {@code Pod} for the core group. */
    String groupKind() {
        String apiVersion = string("apiVersion").orElse("v1");
        int slash = apiVersion.indexOf('/');
        String kind = string("kind").orElse("");
        return slash < 0 ? kind : apiVersion.substring(0, slash) + "/" + kind;
    }

    Optional<Object> get(String path) {
        Object current = object;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    Optional<String> string(String path) {
        return get(path).filter(String.class::isInstance).map(String.class::cast);
    }

    /** An integer field; absent (as Kubernetes omits zero counts) gives {@code fallback}. */
    long number(String path, long fallback) {
        return get(path).filter(Number.class::isInstance).map(n -> ((Number) n).longValue()).orElse(fallback);
    }

    boolean flag(String path) {
        return get(path).map(Boolean.TRUE::equals).orElse(false);
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String path) {
        return get(path).filter(List.class::isInstance).map(l -> (List<Object>) l).orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> condition(String type) {
        for (Object entry : list("status.conditions")) {
            if (entry instanceof Map<?, ?> condition && type.equals(condition.get("type"))) {
                return Optional.of((Map<String, Object>) condition);
            }
        }
        return Optional.empty();
    }

    Optional<Long> generation() {
        return get("metadata.generation").filter(Number.class::isInstance).map(n -> ((Number) n).longValue());
    }

    /** In progress when the controller has not yet seen the latest spec ({@code status.observedGeneration}). */
    Optional<ObjectHealth> staleGeneration() {
        Optional<Object> observed = get("status.observedGeneration").filter(Number.class::isInstance);
        if (observed.isEmpty() || generation().isEmpty()) {
            return Optional.empty();
        }
        long seen = ((Number) observed.get()).longValue();
        return seen < generation().get()
                ? Optional.of(inProgress("generation " + generation().get() + " not observed yet (observed " + seen + ")"))
                : Optional.empty();
    }

    ObjectHealth ready(String why) {
        return new ObjectHealth(HealthStatus.READY, label + ": " + why);
    }

    ObjectHealth inProgress(String why) {
        return new ObjectHealth(HealthStatus.IN_PROGRESS, label + ": " + why);
    }

    ObjectHealth failed(String why) {
        return new ObjectHealth(HealthStatus.FAILED, label + ": " + why);
    }

    /** {@code Reason: message}, or whichever of the two is there. */
    static String reasonAndMessage(Map<String, Object> condition) {
        Object reason = condition.get("reason");
        Object message = condition.get("message");
        if (reason != null && message != null && !message.toString().isBlank()) {
            return reason + ": " + message;
        }
        return reason != null ? reason.toString() : message != null ? message.toString() : "no reason given";
    }

    static String optionalMessage(Map<String, Object> condition) {
        Object message = condition.get("message");
        return message == null || message.toString().isBlank() ? "" : " (" + message + ")";
    }
}
