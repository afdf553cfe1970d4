package io.helmdeck.release.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.DriftedObject;
import io.helmdeck.release.drift.DriftInspector;
import io.helmdeck.release.drift.DriftMetrics;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.persistence.DriftStore;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.render.ManifestObject;

/**
 * What the interval check of a deployed release needs besides applying (ADR 0023): its drift settings and last
 * report, the comparison with the cluster, the report written back, the correction metric, and Helm's own records
 * put back when they were deleted. Blocking: called from reconcile worker threads.
 */
@ApplicationScoped
public class DriftCheck {

    private final DriftInspector inspector;
    private final DriftStore store;
    private final DriftMetrics metrics;
    private final HelmRecordRestore helmRecords;
    private final Clock clock;

    public DriftCheck(DriftInspector inspector, DriftStore store, DriftMetrics metrics, HelmRecordRestore helmRecords,
            Clock clock) {
        this.inspector = inspector;
        this.store = store;
        this.metrics = metrics;
        this.helmRecords = helmRecords;
        this.clock = clock;
    }

    /** The release's drift settings and what the last check of {@code revision} reported. */
    public DriftStore.DriftRecord load(ReleaseState state, int revision) {
        return store.load(state.id(), revision).await().indefinitely();
    }

    /** The deployed objects that are missing or changed in the cluster, read as the release's identity. */
    public List<DriftInspector.Finding> inspect(ReleaseState state, List<ManifestObject> objects,
            DriftStore.DriftRecord record) throws ApplyException {
        return inspector.inspect(state.target(), objects, record.settings().ignore(), record.lastReport(), now());
    }

    /** Stores what the check of {@code revision} found (shown as {@code status.drift}). */
    public void report(ReleaseState state, int revision, List<DriftedObject> objects) {
        store.save(state.id(), revision, objects).await().indefinitely();
    }

    /** Counts corrections ({@link DriftMetrics#CORRECTED} or {@link DriftMetrics#FAILED}). */
    public void counted(String outcome, int objects) {
        metrics.count(outcome, objects);
    }

    /** Recreates Helm's release Secrets deleted from the cluster; returns the revisions recreated. */
    public List<Integer> restoreHelmRecords(ReleaseState state) {
        return helmRecords.restoreMissing(state);
    }

    public Instant now() {
        return clock.instant();
    }
}
