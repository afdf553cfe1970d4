package io.helmdeck.release.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.HelmReleaseRecord;
import io.helmdeck.release.kube.HelmRevisionStatus;
import io.helmdeck.release.kube.HelmStatus;
import io.helmdeck.release.kube.HelmStorage;
import io.helmdeck.release.kube.StoredHook;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.render.RenderedRelease;
import org.jboss.logging.Logger;

/**
 * Keeps Helm's own record of a release (ADR 0008) in step with Helmdeck's revisions. Helmdeck's database is the
 * record of truth; Helm's copy is for the {@code helm} CLI, so a failure to write it is logged, not fatal.
 */
@ApplicationScoped
public class HelmRecords {

    private static final Logger LOG = Logger.getLogger(HelmRecords.class);

    /** Releases' first-deployed times this replica has read or written, so a write needs no listing of them all. */
    private static final int FIRST_DEPLOYED_KEPT = 4096;

    private final HelmStorage storage;
    private final Clock clock;
    /** By release id (a release deleted and created again has a new one), namespace and release name. */
    private final RecentlyUsed<String, Instant> firstDeployed = new RecentlyUsed<>(FIRST_DEPLOYED_KEPT);

    public HelmRecords(HelmStorage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** Writes (or rewrites) the revision with this status. */
    public void write(ReleaseState state, RevisionRow row, RenderedRelease rendered, String status,
            String description) {
        Instant now = clock.instant();
        try {
            Instant first = firstDeployed(state, now);
            List<StoredHook> hooks = rendered.hooks().stream().map(h -> StoredHook.of(h, null)).toList();
            storage.write(state.identity(), new HelmReleaseRecord(state.releaseName(), state.targetNamespace(), row.revision(),
                    HelmStatus.fromWire(status), description, first, now, null, rendered.notes(), rendered.chart(),
                    rendered.chartValues(), row.values(), rendered.manifest(), hooks));
        } catch (ApplyException e) {
            warn(state, "write revision " + row.revision(), e);
        }
    }

    /**
     * The earliest first-deployed time of the release's stored revisions (now when none is stored): remembered once
     * read, since it does not change while the records exist; reading it means listing and decoding every record.
     */
    private Instant firstDeployed(ReleaseState state, Instant now) throws ApplyException {
        String key = memoKey(state);
        Instant known = firstDeployed.get(key);
        if (known != null) {
            return known;
        }
        Instant first = storage.history(state.identity(), state.targetNamespace(), state.releaseName()).stream()
                .filter(r -> r.firstDeployed() != null).map(HelmReleaseRecord::firstDeployed)
                .min(Comparator.naturalOrder()).orElse(now);
        firstDeployed.put(key, first);
        return first;
    }

    private static String memoKey(ReleaseState state) {
        return state.id() + "/" + state.targetNamespace() + "/" + state.releaseName();
    }

    public void setStatus(ReleaseState state, int revision, String status) {
        setStatus(state, revision, status, null);
    }

    /** Sets a stored revision's status and, unless null, its description ({@code helm history}'s last column). */
    public void setStatus(ReleaseState state, int revision, String status, String description) {
        try {
            storage.markStatus(state.identity(), state.targetNamespace(), state.releaseName(), revision, HelmStatus.fromWire(status),
                    description);
        } catch (ApplyException e) {
            warn(state, "mark revision " + revision + " " + status, e);
        }
    }

    /**
     * Helm's newest record of the release when it is stuck {@code pending-*}, else null. Read from the Secrets'
     * labels; a failure to read is logged and taken as nothing stuck, since Helm's copy is for the CLI.
     */
    public HelmRevisionStatus pending(ReleaseState state) {
        try {
            return storage.newest(state.identity(), state.targetNamespace(), state.releaseName())
                    .filter(newest -> newest.status().pending()).orElse(null);
        } catch (ApplyException e) {
            warn(state, "read the newest revision", e);
            return null;
        }
    }

    /** A stored revision as Helm keeps it, e.g. one the {@code helm} CLI wrote; empty when missing or unreadable. */
    public Optional<HelmReleaseRecord> read(ReleaseState state, int revision) {
        try {
            return storage.get(state.identity(), state.targetNamespace(), state.releaseName(), revision);
        } catch (ApplyException e) {
            warn(state, "read revision " + revision, e);
            return Optional.empty();
        }
    }

    /**
     * Keeps at most {@code maxHistory} of Helm's records, after revision {@code newest} was written. Records are
     * numbered and each number is stored once, so while {@code newest} is at most {@code maxHistory} there is nothing
     * to prune and the records are not even listed (a record the {@code helm} CLI numbers past it meanwhile is pruned
     * at the next deploy).
     */
    public void prune(ReleaseState state, int newest, int maxHistory) {
        if (maxHistory > 0 && newest <= maxHistory) {
            return;
        }
        try {
            storage.prune(state.identity(), state.targetNamespace(), state.releaseName(), maxHistory);
        } catch (ApplyException e) {
            warn(state, "prune", e);
        }
    }

    /** Uninstall: Helm's {@code helm uninstall} (without --keep-history) removes every record too. */
    public void deleteAll(ReleaseState state) {
        firstDeployed.remove(memoKey(state));
        try {
            storage.deleteAll(state.identity(), state.targetNamespace(), state.releaseName());
        } catch (ApplyException e) {
            warn(state, "delete records", e);
        }
    }

    private static void warn(ReleaseState state, String what, ApplyException e) {
        LOG.warnf("Helm's release record of %s/%s: could not %s: %s", state.targetNamespace(), state.releaseName(),
                what, e.getMessage());
    }
}
