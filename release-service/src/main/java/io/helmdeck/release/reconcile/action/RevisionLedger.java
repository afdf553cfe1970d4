package io.helmdeck.release.reconcile.action;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.ChartMetadata;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.release.kube.HelmReleaseRecord;
import io.helmdeck.release.kube.HelmRevisionStatus;
import io.helmdeck.release.kube.ReleaseTarget;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.ReleaseStateStore;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.HelmRecords;
import io.helmdeck.release.reconcile.ReleaseOperations;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.reconcile.ValuesDigest;
import io.helmdeck.release.render.ManifestObject;
import io.helmdeck.release.render.Manifests;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderedRelease;
import io.smallrye.mutiny.Uni;

/**
 * The revision history as the actions write it: Helmdeck's rows (the record of truth) and Helm's own record in the
 * cluster kept in step. Blocking: actions run on reconcile worker threads.
 */
@ApplicationScoped
public class RevisionLedger {

    private final ReleaseStateStore store;
    private final HelmRecords helm;
    private final Clock clock;

    public RevisionLedger(ReleaseStateStore store, HelmRecords helm, Clock clock) {
        this.store = store;
        this.helm = helm;
        this.clock = clock;
    }

    /** Records a revision about to be applied (status {@code pending-*}), before anything touches the cluster. */
    public void begin(ReleaseState state, RevisionRow row, RenderedRelease rendered, String description) {
        await(store.insertRevision(state.id(), row, rendered.manifest(), rendered.notes(), description,
                clock.instant()));
    }

    /** Writes Helm's record of a revision with this status. */
    public void helmRecord(ReleaseState state, RevisionRow row, RenderedRelease rendered, String status,
            String description) {
        helm.write(state, row, rendered, status, description);
    }

    /** Records a failed revision; its inventory is what it rendered, for the cleanup of a partial apply. */
    public void failed(ReleaseState state, RevisionRow row, RenderedRelease rendered, String what) {
        ReleaseTarget target = state.target();
        await(store.finishRevision(state.id(), row.revision(), RevisionRow.FAILED, what,
                ReleaseOperations.inventoryOf(target, rendered.resources(), List.of()), clock.instant()));
        helm.write(state, row, rendered, RevisionRow.FAILED, what);
    }

    /** Marks a revision left pending by a crash as failed, here and in Helm's record. */
    public void interrupted(ReleaseState state, RevisionRow pending, String what) {
        await(store.finishRevision(state.id(), pending.revision(), RevisionRow.FAILED, what, pending.inventory(),
                clock.instant()));
        helm.setStatus(state, pending.revision(), RevisionRow.FAILED);
    }

    /**
     * Unlocks Helm's record of a revision stuck {@code pending-*} that Helmdeck is not itself finishing (the
     * {@code helm} CLI or a crashed process left it), as Flux's helm-controller does: Helm's record says
     * {@code failed} with {@code what} as its description. A revision Helmdeck never recorded and newer than its
     * history gets a failed row here too, so the history shows it and the next revision is numbered past it; one
     * Helmdeck did record gets Helmdeck's status back in Helm's record.
     */
    public void unlocked(ReleaseState state, HelmRevisionStatus stuck, String what) {
        Optional<RevisionRow> known = state.revisions().stream().filter(r -> r.revision() == stuck.version())
                .findFirst();
        String status = known.filter(r -> !r.pending()).map(r -> helmStatusOf(r.status())).orElse(RevisionRow.FAILED);
        helm.setStatus(state, stuck.version(), status, what);
        if (known.isPresent() || stuck.version() < state.nextRevisionNumber()) {
            return;
        }
        String action = stuck.status().wire().substring(RevisionRow.PENDING_PREFIX.length());
        Optional<HelmReleaseRecord> stored = helm.read(state, stuck.version());
        ChartMetadata chart = stored.map(HelmReleaseRecord::chart).orElse(null);
        Map<String, Object> values = stored.map(HelmReleaseRecord::config).orElse(Map.of());
        RevisionRow row = new RevisionRow(stuck.version(), chart == null ? null : chart.name(),
                chart == null ? null : chart.version(), chart == null ? null : chart.appVersion(), null, null, values,
                ValuesDigest.of(values), List.of(), RevisionRow.FAILED, action);
        await(store.insertRevision(state.id(), row, stored.map(HelmReleaseRecord::manifest).orElse(null),
                stored.map(HelmReleaseRecord::notes).orElse(null), what, clock.instant()));
        await(store.finishRevision(state.id(), row.revision(), RevisionRow.FAILED, what, List.of(), clock.instant()));
    }

    /** Helm has no {@code rolled-back}: the revision a rollback replaced is {@code superseded} there. */
    private static String helmStatusOf(String status) {
        return RevisionRow.ROLLED_BACK.equals(status) ? RevisionRow.SUPERSEDED : status;
    }

    /**
     * Records a successful action: the revision deployed, the one it replaced superseded (or rolled back), history
     * trimmed to {@code maxHistory}; the draft then points at the new revision and its inventory.
     */
    public void deployed(ReleaseState state, StatusDraft draft, RevisionRow row, RenderedRelease rendered,
            List<InventoryEntry> inventory, String description, Optional<RevisionRow> replaced) {
        // The revision records what it applied; the health read during its wait belongs to the status only.
        await(store.finishRevision(state.id(), row.revision(), RevisionRow.DEPLOYED, description,
                inventory.stream().map(InventoryEntry::withoutHealth).toList(), clock.instant()));
        for (RevisionRow r : history(state)) {
            if (r.revision() != row.revision() && RevisionRow.DEPLOYED.equals(r.status())) {
                boolean rolledBack = replaced.isPresent() && replaced.get().revision() == r.revision()
                        && RevisionRow.ROLLBACK.equals(row.action());
                await(store.setRevisionStatus(state.id(), r.revision(),
                        rolledBack ? RevisionRow.ROLLED_BACK : RevisionRow.SUPERSEDED));
                helm.setStatus(state, r.revision(), RevisionRow.SUPERSEDED);
            }
        }
        helm.write(state, row, rendered, RevisionRow.DEPLOYED, description);
        await(store.prune(state.id(), state.maxHistory()));
        helm.prune(state, row.revision(), state.maxHistory());
        draft.currentRevision = row.revision();
        draft.inventory = inventory;
    }

    /** The release's objects are gone: the deployed revision becomes {@code uninstalled}, Helm's record goes. */
    public void uninstalled(ReleaseState state, Optional<RevisionRow> deployed) {
        helm.deleteAll(state);
        deployed.ifPresent(row -> await(store.setRevisionStatus(state.id(), row.revision(),
                RevisionRow.UNINSTALLED)));
    }

    /** Removes Helm's record of every revision (an uninstall). */
    public void forgetHelmRecords(ReleaseState state) {
        helm.deleteAll(state);
    }

    /** The kept revisions, newest first, read again. */
    public List<RevisionRow> history(ReleaseState state) {
        ReleaseState fresh = await(store.load(state.id()));
        return fresh == null ? List.of() : fresh.revisions();
    }

    /** The deployed revision's objects, read back from its stored manifest (no render, see ADR 0007). */
    public List<ManifestObject> deployedObjects(ReleaseState state, RevisionRow row) throws RenderException {
        String manifest = await(store.manifest(state.id(), row.revision()));
        return manifest == null ? List.of() : Manifests.parse(manifest);
    }

    /** Deletes the release's rows (status and revisions cascade) once it is uninstalled. */
    public void deleteRelease(ReleaseState state) {
        await(store.delete(state.id()));
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().indefinitely();
    }
}
