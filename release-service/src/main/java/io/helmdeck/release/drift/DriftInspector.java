package io.helmdeck.release.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.DriftIgnoreRule;
import io.helmdeck.model.DriftedObject;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.ObjectApplier;
import io.helmdeck.release.kube.ReleaseTarget;
import io.helmdeck.release.render.ManifestObject;

/**
 * Reads each object of the deployed revision back from the cluster (as the release's identity) and compares it with
 * what Helmdeck applied: the rendered object plus Helm's ownership label and annotations. Blocking.
 */
@ApplicationScoped
public class DriftInspector {

    private final ObjectApplier applier;

    public DriftInspector(ObjectApplier applier) {
        this.applier = applier;
    }

    /** One drifted object: what the report says, and what a correction applies (ignored fields kept as they are). */
    public record Finding(DriftedObject report, ManifestObject correction) {
    }

    /**
     * The objects of {@code objects} that are missing or changed, in manifest order. An object still drifted since
     * {@code previous} keeps its first {@code detectedAt}.
     */
    public List<Finding> inspect(ReleaseTarget target, List<ManifestObject> objects, List<DriftIgnoreRule> rules,
            List<DriftedObject> previous, Instant now) throws ApplyException {
        List<Finding> findings = new ArrayList<>();
        for (ManifestObject object : objects) {
            InventoryEntry entry = entry(target, object);
            List<String> ignored = DriftRules.ignoredFor(rules, entry);
            Map<String, Object> desired = owned(target, object.body());
            Optional<Map<String, Object>> live = applier.live(target.identity(), entry);
            if (live.isEmpty()) {
                findings.add(new Finding(report(entry, true, List.of(), previous, now), object));
                continue;
            }
            List<String> fields = DriftComparison.changedFields(desired, live.get(), ignored);
            if (!fields.isEmpty()) {
                Map<String, Object> body = DriftComparison.keepingIgnored(object.body(), live.get(), ignored);
                findings.add(new Finding(report(entry, false, fields, previous, now), new ManifestObject(
                        object.source(), object.apiVersion(), object.kind(), object.namespace(), object.name(), body,
                        object.yaml())));
            }
        }
        return findings;
    }

    private InventoryEntry entry(ReleaseTarget target, ManifestObject object) throws ApplyException {
        boolean namespaced = applier.namespaced(target.identity(), object.apiVersion(), object.kind());
        String namespace = !namespaced ? null
                : object.namespace() == null || object.namespace().isBlank() ? target.namespace() : object.namespace();
        return new InventoryEntry(object.apiVersion(), object.kind(), namespace, object.name());
    }

    /** The object with the ownership metadata the applier stamps on it (ObjectApplier#apply). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> owned(ReleaseTarget target, Map<String, Object> body) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        Map<String, Object> meta = copy.get("metadata") instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        Map<String, Object> labels = meta.get("labels") instanceof Map<?, ?> l
                ? new LinkedHashMap<>((Map<String, Object>) l) : new LinkedHashMap<>();
        labels.put(ObjectApplier.MANAGED_BY_LABEL, ObjectApplier.MANAGED_BY_HELM);
        Map<String, Object> annotations = meta.get("annotations") instanceof Map<?, ?> a
                ? new LinkedHashMap<>((Map<String, Object>) a) : new LinkedHashMap<>();
        annotations.put(ObjectApplier.RELEASE_NAME_ANNOTATION, target.releaseName());
        annotations.put(ObjectApplier.RELEASE_NAMESPACE_ANNOTATION, target.namespace());
        meta.put("labels", labels);
        meta.put("annotations", annotations);
        copy.put("metadata", meta);
        return copy;
    }

    private static DriftedObject report(InventoryEntry entry, boolean missing, List<String> fields,
            List<DriftedObject> previous, Instant now) {
        Instant since = previous.stream().filter(p -> same(p, entry) && p.correctedAt() == null)
                .map(DriftedObject::detectedAt).findFirst().orElse(now);
        return new DriftedObject(entry.apiVersion(), entry.kind(), entry.namespace(), entry.name(), missing,
                List.copyOf(fields), since, null);
    }

    private static boolean same(DriftedObject p, InventoryEntry e) {
        return p.kind().equals(e.kind()) && p.name().equals(e.name()) && p.apiVersion().equals(e.apiVersion())
                && java.util.Objects.equals(p.namespace(), e.namespace());
    }
}
