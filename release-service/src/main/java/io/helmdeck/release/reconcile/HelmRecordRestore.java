package io.helmdeck.release.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.ChartMetadata;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.HelmReleaseRecord;
import io.helmdeck.release.kube.HelmStatus;
import io.helmdeck.release.kube.HelmStorage;
import io.helmdeck.release.persistence.KeptRevisionStore;
import io.helmdeck.release.persistence.KeptRevisionStore.KeptRevision;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import org.jboss.logging.Logger;

/**
 * Recreates Helm's release Secrets that were deleted from the cluster (by hand, or with everything else when the
 * cluster was rebuilt) from Helmdeck's kept revisions, so {@code helm list/history} keep knowing the release. Like
 * every write of Helm's record, a failure is logged, not fatal (ADR 0008, ADR 0023).
 */
@ApplicationScoped
public class HelmRecordRestore {

    private static final Logger LOG = Logger.getLogger(HelmRecordRestore.class);

    private final HelmStorage storage;
    private final KeptRevisionStore kept;

    public HelmRecordRestore(HelmStorage storage, KeptRevisionStore kept) {
        this.storage = storage;
        this.kept = kept;
    }

    /** Writes every kept revision that Helm's storage lacks; returns their numbers, oldest first. */
    public List<Integer> restoreMissing(ReleaseState state) {
        try {
            Set<Integer> present = new HashSet<>();
            storage.history(state.identity(), state.targetNamespace(), state.releaseName())
                    .forEach(r -> present.add(r.version()));
            List<KeptRevision> revisions = kept.kept(state.id()).await().indefinitely();
            Instant first = revisions.stream().map(KeptRevision::startedAt).filter(t -> t != null).min(Instant::compareTo)
                    .orElse(null);
            List<Integer> restored = new ArrayList<>();
            for (KeptRevision r : revisions) {
                if (present.contains(r.revision())) {
                    continue;
                }
                storage.write(state.identity(), record(state, r, first));
                restored.add(r.revision());
            }
            if (!restored.isEmpty()) {
                LOG.infof("Helm's release record of %s/%s: revisions %s were missing from the cluster and are "
                        + "recreated", state.targetNamespace(), state.releaseName(), restored);
            }
            return restored;
        } catch (ApplyException e) {
            LOG.warnf("Helm's release record of %s/%s: could not check or restore it: %s", state.targetNamespace(),
                    state.releaseName(), e.getMessage());
            return List.of();
        }
    }

    private static HelmReleaseRecord record(ReleaseState state, KeptRevision r, Instant first) {
        // Helm's record holds the chart's Chart.yaml and values.yaml, which Helmdeck does not keep per revision:
        // the restored record names the chart and version, and holds the user's values only.
        ChartMetadata chart = new ChartMetadata(r.chartName(), r.chartVersion(), r.appVersion(), null, null, null,
                null, null);
        String status = RevisionRow.ROLLED_BACK.equals(r.status()) ? RevisionRow.SUPERSEDED : r.status();
        Instant last = r.finishedAt() != null ? r.finishedAt() : r.startedAt();
        return new HelmReleaseRecord(state.releaseName(), state.targetNamespace(), r.revision(),
                HelmStatus.fromWire(status), r.description(), first, last, null, r.notes() == null ? "" : r.notes(),
                chart, Map.of(), r.values(), r.manifest() == null ? "" : r.manifest(), List.of());
    }
}
