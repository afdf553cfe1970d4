package io.helmdeck.sync.reconcile;

import io.helmdeck.model.Artifact;
import io.helmdeck.model.ChartMetadata;
import io.helmdeck.model.sync.SyncOutcome;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.model.value.Revision;
import io.helmdeck.sync.oci.Descriptor;
import io.helmdeck.sync.oci.VerifiedBlob;

/**
 * What the steps of one reconcile have found so far; each step reads what earlier ones set and adds its own part.
 * Only one step runs at a time, so the fields need no locking.
 */
final class SyncState {

    final SyncTask task;
    final SyncSpec spec;

    /** Set by the resolve step: the tag that was resolved (null for a digest ref) and the manifest's digest. */
    Revision revision;
    /** Set by the fetch step. */
    Descriptor layer;
    VerifiedBlob blob;
    /** Set by the chart step for {@code extract}; stays null for {@code copy}. */
    ChartMetadata chart;

    SyncOutcome outcome;
    Artifact artifact;

    SyncState(SyncTask task, SyncSpec spec) {
        this.task = task;
        this.spec = spec;
    }

    /** For messages and logs: {@code tenant/name (oci://…)}. */
    String describe() {
        return task.tenant() + "/" + task.name() + " (" + spec.url() + ")";
    }
}
