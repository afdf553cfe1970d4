package io.helmdeck.release.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.InventoryEntry;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.ObjectApplier;
import io.helmdeck.release.kube.ReleaseIdentity;

/**
 * Reads a release's applied objects back from the cluster, with the release's identity, and judges each with
 * {@link ObjectHealth}: what one check of a readiness wait sees. Blocking: call it from worker threads.
 */
@ApplicationScoped
public class InventoryReadiness {

    private final ObjectApplier applier;

    public InventoryReadiness(ObjectApplier applier) {
        this.applier = applier;
    }

    /** Each object of {@code inventory} with its health; Jobs count as ready unless {@code waitForJobs}. */
    public Readiness check(ReleaseIdentity identity, List<InventoryEntry> inventory, boolean waitForJobs) {
        List<InventoryEntry> judged = new ArrayList<>();
        for (InventoryEntry entry : inventory) {
            ObjectHealth health = judge(identity, entry.withoutHealth(), waitForJobs);
            judged.add(entry.withoutHealth().withHealth(health.status().wire(), health.message()));
        }
        return new Readiness(judged);
    }

    private ObjectHealth judge(ReleaseIdentity identity, InventoryEntry entry, boolean waitForJobs) {
        Optional<Map<String, Object>> live;
        try {
            live = applier.live(identity, entry);
        } catch (ApplyException e) {
            // A read the API server refuses is not a verdict on the object: the wait goes on, and says why.
            return new ObjectHealth(HealthStatus.UNKNOWN,
                    ObjectView.label(entry.kind(), entry.namespace(), entry.name()) + ": " + e.getMessage());
        }
        if (live.isEmpty()) {
            return ObjectHealth.missing(entry.kind(), entry.namespace(), entry.name());
        }
        if (!waitForJobs && "Job".equals(entry.kind()) && entry.apiVersion().startsWith("batch/")) {
            return new ObjectHealth(HealthStatus.READY, ObjectView.label(entry.kind(), entry.namespace(),
                    entry.name()) + ": exists (Jobs not waited for)");
        }
        return ObjectHealth.of(live.get());
    }

    /** One check's result: every object with its health, in inventory order. */
    public record Readiness(List<InventoryEntry> entries) {

        public boolean allReady() {
            return entries.stream().allMatch(e -> HealthStatus.READY.wire().equals(e.health()));
        }

        /** The objects that will not become ready without a change, e.g. a failed Job. */
        public List<InventoryEntry> failed() {
            return entries.stream().filter(e -> HealthStatus.FAILED.wire().equals(e.health())).toList();
        }

        /** The objects not ready, failed ones included. */
        public List<InventoryEntry> unready() {
            return entries.stream().filter(e -> !HealthStatus.READY.wire().equals(e.health())).toList();
        }

        /** The health messages of these entries, joined for a status message. */
        public static String describe(List<InventoryEntry> entries) {
            return String.join("; ", entries.stream().map(InventoryEntry::healthMessage).toList());
        }
    }
}
