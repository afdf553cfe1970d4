package io.helmdeck.release.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.helmdeck.model.Artifact;
import io.helmdeck.release.config.DeployConfig;
import io.helmdeck.model.Condition;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.OciRepository;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.model.Remediation;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.ClusterConnection;
import io.helmdeck.release.kube.ReleaseTarget;
import io.helmdeck.release.render.ChartRenderer;
import io.helmdeck.release.render.ManifestObject;
import io.helmdeck.release.render.Manifests;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderRequest;
import io.helmdeck.release.render.RenderedRelease;
import io.helmdeck.release.source.SourceLookup;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Reconciles one release, Flux-style: a short pipeline of steps (uninstall if deleted → finish an interrupted action →
 * requested rollback → source → chart → plan → install/upgrade with remediation), each ending in a typed reason in
 * the status. Blocking: runs on a reconcile worker thread, never on the event loop.
 */
@ApplicationScoped
public class ReleaseReconciler {

    /** Reason of a re-apply of the deployed revision that the cluster refused. */
    static final String DRIFT_CORRECTION_FAILED = "DriftCorrectionFailed";

    private static final Logger LOG = Logger.getLogger(ReleaseReconciler.class);
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final ReleaseStateStore store;
    private final ReleaseSource source;
    private final ChartRenderer renderer;
    private final ClusterConnection cluster;
    private final ReleaseOperations operations;
    private final HelmRecords helm;
    private final FluxMode flux;
    private final DeployConfig deploy;
    private final ReconcileConfig config;
    private final Clock clock;

    public ReleaseReconciler(ReleaseStateStore store, ReleaseSource source, ChartRenderer renderer,
            ClusterConnection cluster, ReleaseOperations operations, HelmRecords helm, FluxMode flux,
            DeployConfig deploy, ReconcileConfig config, Clock clock) {
        this.store = store;
        this.source = source;
        this.renderer = renderer;
        this.cluster = cluster;
        this.operations = operations;
        this.helm = helm;
        this.flux = flux;
        this.deploy = deploy;
        this.config = config;
        this.clock = clock;
    }

    /** Runs one reconcile of the release; a release deleted meanwhile is ignored. */
    public void reconcile(long releaseId) {
        ReleaseState state = await(store.load(releaseId));
        if (state == null) {
            return;
        }
        Instant now = clock.instant();
        StatusDraft draft = new StatusDraft(state, now);
        try {
            if (state.deletionRequestedAt() != null) {
                uninstall(state, draft);
                return;
            }
            if (deploy.mode() == DeployConfig.Mode.flux) {
                flux.reconcile(state, draft, this);
                return;
            }
            if (state.suspend()) {
                // Claimed only because the spec changed: record that it was seen; the cluster is not touched.
                draft.phase(ReleasePhase.Suspended.name()).ready(false, Reasons.SUSPENDED, "reconciling is suspended");
                save(state, draft, intervalAt(state), false);
                return;
            }
            state = finishInterrupted(state);
            if (state.rollbackTo() != null) {
                rollbackRequested(state, draft);
                return;
            }
            Optional<OciRepository> repository = sourceWithArtifact(state, draft);
            if (repository.isPresent()) {
                deployArtifact(state, draft, repository.get().status().artifact());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconcile of release %s/%s failed", state.tenant(), state.name());
            draft.phase(ReleasePhase.Failed.name()).ready(false, Reasons.INTERNAL_ERROR,
                    "internal error: " + e.getClass().getSimpleName());
            save(state, draft, retryAt(), false);
        }
    }

    // ---- step: source -------------------------------------------------------------------------------------------

    /**
     * The source repository, known to have an artifact; or empty after writing why there is none (the deployed
     * objects stay as they are).
     */
    Optional<OciRepository> sourceWithArtifact(ReleaseState state, StatusDraft draft) {
        SourceLookup found = source.lookup(state.tenant(), state.sourceName());
        if (found instanceof SourceLookup.NotFound) {
            draft.phase(ReleasePhase.SourceNotFound.name()).ready(false, Reasons.SOURCE_NOT_FOUND,
                    "OCIRepository '" + state.sourceName() + "' not found; the release stays as deployed");
            save(state, draft, intervalAt(state), false);
            return Optional.empty();
        }
        if (found instanceof SourceLookup.Unavailable u) {
            draft.phase(ReleasePhase.SourceNotReady.name()).ready(false, Reasons.SOURCE_NOT_READY,
                    "repo-service could not be asked: " + u.message());
            save(state, draft, retryAt(), false);
            return Optional.empty();
        }
        SourceLookup.Found repository = (SourceLookup.Found) found;
        if (ReleaseSource.artifact(repository) == null) {
            draft.phase(ReleasePhase.SourceNotReady.name()).ready(false, Reasons.SOURCE_NOT_READY,
                    "OCIRepository '" + state.sourceName() + "' has no artifact yet");
            save(state, draft, intervalAt(state), false);
            return Optional.empty();
        }
        return Optional.of(repository.repository());
    }

    // ---- step: plan and deploy ----------------------------------------------------------------------------------

    private void deployArtifact(ReleaseState state, StatusDraft draft, Artifact artifact) {
        String valuesDigest = valuesDigest(state.values());
        ReleaseTarget target = target(state);
        if (!cluster.available()) {
            renderOnly(state, draft, artifact);
            return;
        }
        ReleasePlan plan = ReleasePlan.decide(state, artifact.digest(), valuesDigest);
        if (plan instanceof ReleasePlan.Current current) {
            reapplyDeployed(state, draft, target, current);
            return;
        }
        ReleasePlan.Deploy d = (ReleasePlan.Deploy) plan;
        int revision = state.nextRevisionNumber();
        RenderedRelease rendered;
        try {
            rendered = render(state, artifact.digest(), state.values(), revision, d.upgrade());
        } catch (RenderException | ChartUnavailable e) {
            String reason = e instanceof ChartUnavailable ? Reasons.ARTIFACT_FAILED : Reasons.RENDER_FAILED;
            draft.lastAttemptedRevision = artifact.revision();
            draft.failures++;
            draft.phase(ReleasePhase.Failed.name()).ready(false, reason, e.getMessage());
            save(state, draft, e instanceof ChartUnavailable ? retryAt() : intervalAt(state), false);
            return;
        }
        String action = d.upgrade() ? RevisionRow.UPGRADE : RevisionRow.INSTALL;
        RevisionRow row = new RevisionRow(revision, rendered.chart().name(), rendered.chart().version(),
                rendered.chart().appVersion(), artifact.revision(), artifact.digest(), state.values(), valuesDigest,
                List.of(), RevisionRow.PENDING_PREFIX + action, action);
        draft.lastAttemptedRevision = artifact.revision();
        Instant started = clock.instant();
        await(store.insertRevision(state.id(), row, rendered.manifest(), rendered.notes(),
                (d.upgrade() ? "Upgrade" : "Install") + " started", started));
        Optional<RevisionRow> previous = state.deployed();
        try {
            if (state.createNamespace()) {
                // Before Helm's record: its Secret lives in the target namespace.
                operations.ensureNamespace(target);
            }
            helm.write(state, row, rendered, row.status(), "Preparing " + action);
            List<InventoryEntry> inventory = operations.deploy(target, rendered,
                    previous.map(RevisionRow::inventory).orElse(List.of()), d.upgrade(), state.timeout());
            String description = d.upgrade() ? "Upgrade complete" : "Install complete";
            deployed(state, draft, row, rendered, inventory, description, previous);
            String reason = d.upgrade() ? Reasons.UPGRADE_SUCCEEDED : Reasons.INSTALL_SUCCEEDED;
            String message = description + ": revision " + revision + " of " + chartName(rendered)
                    + " from " + artifact.revision();
            draft.phase(ReleasePhase.Deployed.name()).ready(true, reason, message)
                    .condition(Condition.RELEASED, true, reason, message).without(Condition.REMEDIATED);
            draft.lastAppliedRevision = artifact.revision();
            draft.failures = 0;
            draft.installAttempts = 0;
            draft.upgradeAttempts = 0;
            save(state, draft, intervalAt(state), false);
        } catch (ApplyException e) {
            failedAttempt(state, draft, row, rendered, d, e, previous);
        }
    }

    private void failedAttempt(ReleaseState state, StatusDraft draft, RevisionRow row, RenderedRelease rendered,
            ReleasePlan.Deploy d, ApplyException error, Optional<RevisionRow> previous) {
        String reason = d.upgrade() ? Reasons.UPGRADE_FAILED : Reasons.INSTALL_FAILED;
        String what = (d.upgrade() ? "upgrade" : "install") + " to revision " + row.revision() + " failed: "
                + error.getMessage();
        await(store.finishRevision(state.id(), row.revision(), RevisionRow.FAILED, what,
                ReleaseOperations.inventoryOf(target(state), rendered.resources(), List.of()), clock.instant()));
        helm.write(state, row, rendered, RevisionRow.FAILED, what);
        draft.failures++;
        if (d.upgrade()) {
            draft.upgradeAttempts = d.attempt();
        } else {
            draft.installAttempts = d.attempt();
        }
        draft.phase(ReleasePhase.Failed.name()).ready(false, reason, what)
                .condition(Condition.RELEASED, false, reason, what);
        if (d.attempt() <= d.retries()) {
            draft.ready(false, reason, what + " (attempt " + d.attempt() + " of " + (d.retries() + 1)
                    + "; retrying)");
            save(state, draft, retryAt(), false);
            return;
        }
        ReleaseTarget target = target(state);
        List<InventoryEntry> touched = ReleaseOperations.inventoryOf(target, rendered.resources(),
                previous.map(RevisionRow::inventory).orElse(List.of()));
        if (d.upgrade() && Remediation.ROLLBACK.equals(state.upgradeStrategy()) && previous.isPresent()) {
            rollback(state, draft, previous.get(), touched, true);
        } else {
            uninstallRemediation(state, draft, touched, previous);
        }
        save(state, draft, intervalAt(state), false);
    }

    private void uninstallRemediation(ReleaseState state, StatusDraft draft, List<InventoryEntry> touched,
            Optional<RevisionRow> previous) {
        try {
            operations.delete(touched);
            helm.deleteAll(state);
            if (previous.isPresent()) {
                await(store.setRevisionStatus(state.id(), previous.get().revision(), RevisionRow.UNINSTALLED));
            }
            draft.currentRevision = null;
            draft.inventory = List.of();
            draft.condition(Condition.REMEDIATED, true, Reasons.UNINSTALL_SUCCEEDED,
                    "uninstalled after the failed attempt");
        } catch (ApplyException e) {
            draft.condition(Condition.REMEDIATED, false, Reasons.UNINSTALL_FAILED, "uninstall failed: "
                    + e.getMessage());
        }
    }

    private void reapplyDeployed(ReleaseState state, StatusDraft draft, ReleaseTarget target,
            ReleasePlan.Current current) {
        Optional<RevisionRow> deployed = state.deployed();
        Optional<RevisionRow> last = state.lastAttempt();
        boolean lastFailed = last.isPresent() && RevisionRow.FAILED.equals(last.get().status())
                && (deployed.isEmpty() || last.get().revision() > deployed.get().revision()
                        || isRemediation(state, deployed.get()));
        if (lastFailed) {
            String reason = RevisionRow.UPGRADE.equals(last.get().action()) ? Reasons.UPGRADE_FAILED
                    : Reasons.INSTALL_FAILED;
            draft.phase(ReleasePhase.Failed.name()).ready(false, reason, "revision " + last.get().revision()
                    + " failed; " + current.why());
        }
        if (deployed.isEmpty()) {
            save(state, draft, intervalAt(state), false);
            return;
        }
        RevisionRow row = deployed.get();
        try {
            List<ManifestObject> objects = deployedObjects(state, row);
            draft.inventory = operations.reapply(target, objects);
            if (!lastFailed) {
                String message = "revision " + row.revision() + " of " + row.chartName() + "-" + row.chartVersion()
                        + " from "
                        + row.sourceRevision() + " is applied"
                        + ("up to date".equals(current.why()) ? "" : "; " + current.why());
                draft.phase(ReleasePhase.Deployed.name()).ready(true, readyReason(state), message);
            }
            save(state, draft, intervalAt(state), false);
        } catch (RenderException | ApplyException e) {
            draft.ready(false, DRIFT_CORRECTION_FAILED, "re-applying revision " + row.revision() + " failed: "
                    + e.getMessage());
            save(state, draft, retryAt(), false);
        }
    }

    /** Whether the deployed revision is a rollback made by remediation (not by a user). */
    private static boolean isRemediation(ReleaseState state, RevisionRow deployed) {
        return RevisionRow.ROLLBACK.equals(deployed.action()) && state.conditions().stream()
                .anyMatch(c -> Condition.REMEDIATED.equals(c.type()) && Condition.TRUE.equals(c.status()));
    }

    private static String readyReason(ReleaseState state) {
        return state.conditions().stream().filter(c -> Condition.RELEASED.equals(c.type())).map(Condition::reason)
                .findFirst().orElse(Reasons.SUCCEEDED);
    }

    private void renderOnly(ReleaseState state, StatusDraft draft, Artifact artifact) {
        if (ReleasePhase.ClusterUnavailable.name().equals(state.phase()) && state.specObserved()
                && artifact.revision().equals(state.lastAttemptedRevision())) {
            // Rendered these inputs already; renders are not free (ADR 0007).
            save(state, draft, intervalAt(state), false);
            return;
        }
        draft.lastAttemptedRevision = artifact.revision();
        try {
            RenderedRelease rendered = render(state, artifact.digest(), state.values(), state.nextRevisionNumber(),
                    state.deployed().isPresent());
            draft.phase(ReleasePhase.ClusterUnavailable.name()).ready(false, Reasons.CLUSTER_UNAVAILABLE,
                    "rendered " + rendered.resources().size() + " objects of " + chartName(rendered)
                            + "; not applied: " + cluster.describe());
        } catch (RenderException | ChartUnavailable e) {
            draft.phase(ReleasePhase.Failed.name()).ready(false,
                    e instanceof ChartUnavailable ? Reasons.ARTIFACT_FAILED : Reasons.RENDER_FAILED, e.getMessage());
        }
        save(state, draft, intervalAt(state), false);
    }

    // ---- rollback ------------------------------------------------------------------------------------------------

    private void rollbackRequested(ReleaseState state, StatusDraft draft) {
        int wanted = state.rollbackTo();
        Optional<RevisionRow> to = wanted == 0 ? previousSuccessful(state)
                : state.revisions().stream().filter(r -> r.revision() == wanted).findFirst();
        if (to.isEmpty()) {
            draft.condition(Condition.RELEASED, false, Reasons.ROLLBACK_FAILED,
                    wanted == 0 ? "no earlier successful revision to roll back to"
                            : "revision " + wanted + " is not kept");
            save(state, draft, intervalAt(state), true);
            return;
        }
        if (!cluster.available()) {
            draft.phase(ReleasePhase.ClusterUnavailable.name()).ready(false, Reasons.CLUSTER_UNAVAILABLE,
                    "cannot roll back: " + cluster.describe());
            save(state, draft, intervalAt(state), true);
            return;
        }
        List<InventoryEntry> current = state.inventory();
        rollback(state, draft, to.get(), current, false);
        save(state, draft, intervalAt(state), true);
    }

    /** Deploys a kept revision's chart and values as a new revision; remediation or a user's request. */
    private void rollback(ReleaseState state, StatusDraft draft, RevisionRow to, List<InventoryEntry> previous,
            boolean remediation) {
        ReleaseState fresh = await(store.load(state.id()));
        int revision = fresh.nextRevisionNumber();
        Optional<RevisionRow> replaced = fresh.deployed();
        String description = "Rollback to " + to.revision();
        RevisionRow row = new RevisionRow(revision, to.chartName(), to.chartVersion(), to.appVersion(),
                to.sourceRevision(), to.sourceDigest(), to.values(), to.valuesDigest(), List.of(),
                RevisionRow.PENDING_PREFIX + RevisionRow.ROLLBACK, RevisionRow.ROLLBACK);
        RenderedRelease rendered;
        try {
            rendered = render(state, to.sourceDigest(), to.values(), revision, true);
        } catch (RenderException | ChartUnavailable e) {
            rollbackFailed(draft, remediation, "rollback to revision " + to.revision() + " failed: " + e.getMessage());
            return;
        }
        await(store.insertRevision(state.id(), row, rendered.manifest(), rendered.notes(), description,
                clock.instant()));
        helm.write(state, row, rendered, row.status(), description);
        try {
            List<InventoryEntry> inventory = operations.rollback(target(state), rendered, previous, state.timeout());
            deployed(state, draft, row, rendered, inventory, description, remediation ? Optional.empty() : replaced);
            draft.lastAppliedRevision = to.sourceRevision();
            String message = "rolled back to revision " + to.revision() + " as revision " + revision;
            if (remediation) {
                // The failed attempt's reason stays on Ready and Released: the wanted inputs are not deployed.
                draft.condition(Condition.REMEDIATED, true, Reasons.ROLLBACK_SUCCEEDED, message);
            } else {
                draft.phase(ReleasePhase.Deployed.name()).ready(true, Reasons.ROLLBACK_SUCCEEDED, message)
                        .condition(Condition.RELEASED, true, Reasons.ROLLBACK_SUCCEEDED, message)
                        .without(Condition.REMEDIATED);
                draft.failures = 0;
            }
        } catch (ApplyException e) {
            String what = "rollback to revision " + to.revision() + " failed: " + e.getMessage();
            await(store.finishRevision(state.id(), revision, RevisionRow.FAILED, what,
                    ReleaseOperations.inventoryOf(target(state), rendered.resources(), List.of()), clock.instant()));
            helm.write(state, row, rendered, RevisionRow.FAILED, what);
            rollbackFailed(draft, remediation, what);
        }
    }

    private static void rollbackFailed(StatusDraft draft, boolean remediation, String what) {
        draft.failures++;
        if (remediation) {
            draft.condition(Condition.REMEDIATED, false, Reasons.ROLLBACK_FAILED, what);
        } else {
            draft.phase(ReleasePhase.Failed.name()).ready(false, Reasons.ROLLBACK_FAILED, what)
                    .condition(Condition.RELEASED, false, Reasons.ROLLBACK_FAILED, what);
        }
    }

    private static Optional<RevisionRow> previousSuccessful(ReleaseState state) {
        Integer current = state.deployed().map(RevisionRow::revision).orElse(Integer.MAX_VALUE);
        return state.revisions().stream()
                .filter(r -> r.revision() < current)
                .filter(r -> RevisionRow.SUPERSEDED.equals(r.status()) || RevisionRow.ROLLED_BACK.equals(r.status()))
                .findFirst();
    }

    // ---- uninstall ------------------------------------------------------------------------------------------------

    private void uninstall(ReleaseState state, StatusDraft draft) {
        if (deploy.mode() == DeployConfig.Mode.flux) {
            try {
                flux.delete(state);
            } catch (ApplyException e) {
                draft.phase(ReleasePhase.Uninstalling.name()).ready(false, Reasons.UNINSTALL_FAILED,
                        "the Flux objects could not be deleted: " + e.getMessage());
                save(state, draft, retryAt(), false);
                return;
            }
            await(store.delete(state.id()));
            return;
        }
        boolean applied = !state.inventory().isEmpty() || state.currentRevision() != null;
        if (applied && !cluster.available()) {
            draft.phase(ReleasePhase.Uninstalling.name()).ready(false, Reasons.CLUSTER_UNAVAILABLE,
                    "cannot uninstall: " + cluster.describe());
            save(state, draft, intervalAt(state), false);
            return;
        }
        if (applied) {
            RenderedRelease rendered = state.deployed().map(row -> {
                try {
                    return render(state, row.sourceDigest(), row.values(), row.revision(), true);
                } catch (RenderException | ChartUnavailable e) {
                    LOG.warnf("uninstall of %s/%s runs no delete hooks: %s", state.tenant(), state.name(),
                            e.getMessage());
                    return null;
                }
            }).orElse(null);
            try {
                operations.uninstall(target(state), rendered, state.inventory(), state.timeout());
                helm.deleteAll(state);
            } catch (ApplyException e) {
                draft.phase(ReleasePhase.Uninstalling.name()).ready(false, Reasons.UNINSTALL_FAILED,
                        "uninstall failed: " + e.getMessage());
                save(state, draft, retryAt(), false);
                return;
            }
        }
        await(store.delete(state.id()));
        LOG.infof("release %s/%s uninstalled and deleted", state.tenant(), state.name());
    }

    // ---- interrupted actions ---------------------------------------------------------------------------------------

    /**
     * A revision still pending was cut off by a restart or a lost lease: mark it failed ("interrupted") in the history
     * and Helm's record. The interruption is not counted as a failed attempt: the plan then runs the same action again
     * (applying is idempotent), which finishes it, and a real failure of that run gets the normal retries and
     * remediation. So no release stays stuck in a pending state.
     */
    private ReleaseState finishInterrupted(ReleaseState state) {
        if (state.revisions().isEmpty() || !state.revisions().get(0).pending()) {
            return state;
        }
        RevisionRow pending = state.revisions().get(0);
        String what = pending.action() + " to revision " + pending.revision()
                + " was interrupted (release-service stopped or lost its lease); running it again";
        await(store.finishRevision(state.id(), pending.revision(), RevisionRow.FAILED, what, pending.inventory(),
                clock.instant()));
        helm.setStatus(state, pending.revision(), RevisionRow.FAILED);
        LOG.warnf("release %s/%s: %s", state.tenant(), state.name(), what);
        ReleaseState reloaded = await(store.load(state.id()));
        return reloaded == null ? state : reloaded;
    }

    // ---- shared pieces --------------------------------------------------------------------------------------------

    /** Records a successful action: the revision deployed, the one it replaced superseded, history trimmed. */
    private void deployed(ReleaseState state, StatusDraft draft, RevisionRow row, RenderedRelease rendered,
            List<InventoryEntry> inventory, String description, Optional<RevisionRow> replaced) {
        Instant now = clock.instant();
        await(store.finishRevision(state.id(), row.revision(), RevisionRow.DEPLOYED, description, inventory, now));
        for (RevisionRow r : await(store.load(state.id())).revisions()) {
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
        helm.prune(state, state.maxHistory());
        draft.currentRevision = row.revision();
        draft.inventory = inventory;
    }

    /** The deployed revision's objects, read back from its stored manifest (no render, see ADR 0007). */
    List<ManifestObject> deployedObjects(ReleaseState state, RevisionRow row) throws RenderException {
        String manifest = await(store.manifest(state.id(), row.revision()));
        return manifest == null ? List.of() : Manifests.parse(manifest);
    }

    RenderedRelease render(ReleaseState state, String digest, Map<String, Object> values, int revision,
            boolean upgrade) throws RenderException, ChartUnavailable {
        byte[] chart = source.chart(digest);
        return renderer.render(new RenderRequest(chart, state.releaseName(), state.targetNamespace(), values,
                cluster.kubeVersion(), revision, upgrade));
    }

    static ReleaseTarget target(ReleaseState state) {
        return new ReleaseTarget(state.releaseName(), state.targetNamespace());
    }

    private static String chartName(RenderedRelease rendered) {
        return rendered.chart().name() + "-" + rendered.chart().version();
    }

    /** sha256 of the values as canonical JSON (keys sorted), so equal values give equal digests. */
    static String valuesDigest(Map<String, Object> values) {
        try {
            byte[] canonical = CANONICAL.writeValueAsString(values).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void save(ReleaseState state, StatusDraft draft, Instant next, boolean consumedRollback) {
        await(store.saveStatus(state, draft.build(next), consumedRollback));
    }

    Instant intervalAt(ReleaseState state) {
        return clock.instant().plus(state.interval());
    }

    Instant retryAt() {
        return clock.instant().plus(config.retryDelay());
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().indefinitely();
    }
}
