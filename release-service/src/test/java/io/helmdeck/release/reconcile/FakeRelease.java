package io.helmdeck.release.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helmdeck.model.Artifact;
import io.helmdeck.model.ChartMetadata;
import io.helmdeck.model.Condition;
import io.helmdeck.model.DriftDetection;
import io.helmdeck.model.DriftedObject;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.OciRepository;
import io.helmdeck.model.OciRepositoryStatus;
import io.helmdeck.model.Remediation;
import io.helmdeck.release.config.DeployConfig;
import io.helmdeck.release.drift.DriftInspector;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.HookProgress;
import io.helmdeck.release.kube.HelmReleaseRecord;
import io.helmdeck.release.kube.HelmRevisionStatus;
import io.helmdeck.release.kube.ReleaseIdentity;
import io.helmdeck.release.kube.ReleaseTarget;
import io.helmdeck.release.persistence.DriftStore;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.ReleaseStateStore;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.persistence.StatusUpdate;
import io.helmdeck.release.policy.EffectivePolicy;
import io.helmdeck.release.health.HealthStatus;
import io.helmdeck.release.health.InventoryReadiness;
import io.helmdeck.release.reconcile.action.ReadinessWait;
import io.helmdeck.release.reconcile.action.RevisionLedger;
import io.helmdeck.release.reconcile.action.TestActions;
import io.helmdeck.release.render.HookEvent;
import io.helmdeck.release.reconcile.action.RevisionRenderer;
import io.helmdeck.release.render.ManifestObject;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderedRelease;
import io.helmdeck.release.source.SourceLookup;
import io.smallrye.mutiny.Uni;

/**
 * Small in-memory stand-ins for what the reconciler and its actions work with: the store (revisions and status kept in
 * lists), Helm's record, the cluster operations and the renderer. Each records what was asked of it, so a test
 * asserts on the history and the calls a user would see in the API and the cluster.
 */
public final class FakeRelease {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    public static final String D1 = "sha256:" + "1".repeat(64);
    public static final String D2 = "sha256:" + "2".repeat(64);

    /** The tenant's default policy: its own namespace, no cluster-scoped kinds, Helmdeck's identity. */
    public static final EffectivePolicy POLICY = new EffectivePolicy(List.of("team-a"), List.of(), null, true, 0);

    public final FakeStore store;
    public final FakeHelm helm = new FakeHelm();
    public final FakeOperations operations = new FakeOperations();
    public final FakeRenderer renderer = new FakeRenderer();
    public final FakeDrift drift = new FakeDrift();
    public final FakeReadiness readiness = new FakeReadiness();
    public final RevisionLedger ledger;
    public final ReadinessWait waits;

    public FakeRelease(ReleaseState state) {
        store = new FakeStore(state);
        ledger = new RevisionLedger(store, helm, CLOCK);
        waits = TestActions.waits(readiness, CLOCK);
    }

    /** A release with these revisions and remediation settings, its current spec already observed. */
    public static ReleaseState state(List<RevisionRow> revisions, int upgradeRetries, int upgradeAttempts,
            String strategy) {
        return new ReleaseState(1, "team-a", "demo", "OCIRepository", "demo", "demo", "team-a",
                Map.of("replicaCount", 1), Duration.ofMinutes(5), Duration.ofMinutes(5), false, 0, upgradeRetries,
                strategy, 10, false, 1L, null, "Deployed", List.of(), null, null,
                revisions.stream().filter(r -> RevisionRow.DEPLOYED.equals(r.status())).map(RevisionRow::revision)
                        .findFirst().orElse(null),
                revisions.isEmpty() ? List.of() : revisions.get(0).inventory(), 0, 1L, null, 0, upgradeAttempts,
                Instant.EPOCH, revisions).withAccess(POLICY, ReleaseIdentity.helmdeck());
    }

    /** What the reconciler's policy lookup attaches for tenant team-a. */
    public static ReleaseState attach(ReleaseState loaded) {
        return loaded.withAccess(POLICY, ReleaseIdentity.helmdeck());
    }

    public static ReleaseState state(List<RevisionRow> revisions) {
        return state(revisions, 0, 0, Remediation.ROLLBACK);
    }

    /** A revision of chart demo built from {@code digest} with the values {@code replicaCount: 1}. */
    public static RevisionRow revision(int n, String digest, String status, String action) {
        return new RevisionRow(n, "demo", "0.1." + n, "1.0", "0.1." + n + "@" + digest, digest,
                Map.of("replicaCount", 1), ValuesDigest.of(Map.of("replicaCount", 1)),
                List.of(new InventoryEntry("v1", "ConfigMap", "team-a", "demo")), status, action);
    }

    public static SourceLookup.Found source(String digest) {
        Artifact artifact = new Artifact("0.2.0@" + digest, digest, 10, null, Instant.EPOCH, null);
        OciRepositoryStatus status = new OciRepositoryStatus("Ready", List.of(), artifact, null, null, null, 0, 1L);
        return new SourceLookup.Found(new OciRepository("team-a", "demo", "oci://registry/demo", "5m", null, null,
                null, false, null, "60s", false, null, Map.of(), 1, null, null, status));
    }

    public static Situation situation(ReleaseState state, SourceLookup source, boolean cluster) {
        return new Situation(state, DeployConfig.Mode.direct, cluster, cluster ? "test API server" : "no cluster",
                source, List.of());
    }

    /** The history as the API shows it, newest first: "2 upgrade failed". */
    public List<String> history() {
        return store.load(1).await().indefinitely().revisions().stream()
                .map(r -> r.revision() + " " + r.action() + " " + r.status()).toList();
    }

    public static String condition(StatusDraft draft, String type) {
        Condition c = draft.get(type);
        return c == null ? null : c.status() + " " + c.reason();
    }

    /** Revisions and status in lists; {@link #saveStatus} makes the status what the next reconcile loads. */
    public static final class FakeStore extends ReleaseStateStore {
        public ReleaseState release;
        public final List<RevisionRow> rows = new ArrayList<>();
        public final Map<Integer, String> descriptions = new HashMap<>();
        public final Map<Integer, String> manifests = new HashMap<>();
        public final List<StatusUpdate> saved = new ArrayList<>();
        public boolean consumedRollback;
        public boolean deleted;
        FakeStore(ReleaseState release) {
            super(null, null);
            this.release = release;
            rows.addAll(release.revisions());
            release.revisions().forEach(r -> manifests.put(r.revision(), FakeRenderer.MANIFEST));
        }

        @Override
        public Uni<ReleaseState> load(long id) {
            List<RevisionRow> newestFirst = new ArrayList<>(rows);
            newestFirst.sort(Comparator.comparingInt(RevisionRow::revision).reversed());
            return Uni.createFrom().item(deleted ? null : release.withRevisions(List.copyOf(newestFirst)));
        }

        @Override
        public Uni<Void> insertRevision(long releaseId, RevisionRow rev, String manifest, String notes,
                String description, Instant startedAt) {
            rows.add(rev);
            manifests.put(rev.revision(), manifest);
            descriptions.put(rev.revision(), description);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> finishRevision(long releaseId, int revision, String status, String description,
                List<InventoryEntry> inventory, Instant finishedAt) {
            descriptions.put(revision, description);
            return replace(revision, status, inventory);
        }

        @Override
        public Uni<Void> setRevisionStatus(long releaseId, int revision, String status) {
            return replace(revision, status, null);
        }

        @Override
        public Uni<Void> prune(long releaseId, int keep) {
            rows.sort(Comparator.comparingInt(RevisionRow::revision).reversed());
            while (rows.size() > keep) {
                rows.remove(rows.size() - 1);
            }
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> saveStatus(ReleaseState seen, StatusUpdate s, boolean consumedRollback) {
            saved.add(s);
            this.consumedRollback = consumedRollback;
            ReleaseState r = release;
            release = new ReleaseState(r.id(), r.tenant(), r.name(), r.sourceType(), r.sourceName(),
                    r.releaseName(), r.targetNamespace(), r.values(), r.interval(), r.timeout(), r.createNamespace(),
                    r.installRetries(), r.upgradeRetries(), r.upgradeStrategy(), r.maxHistory(), r.suspend(),
                    r.version(), r.deletionRequestedAt(), s.phase(), s.conditions(), s.lastAppliedRevision(),
                    s.lastAttemptedRevision(), s.currentRevision(), s.inventory(), s.failures(), seen.version(),
                    consumedRollback ? null : r.rollbackTo(), s.installAttempts(), s.upgradeAttempts(),
                    s.nextReconcileAt(), List.of()).withAccess(r.policy(), r.identity())
                    .withWait(r.waitOptions(), s.waiting());
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<String> manifest(long releaseId, int revision) {
            return Uni.createFrom().item(manifests.get(revision));
        }

        @Override
        public Uni<Void> delete(long releaseId) {
            deleted = true;
            return Uni.createFrom().voidItem();
        }

        public StatusUpdate lastSaved() {
            return saved.get(saved.size() - 1);
        }

        private Uni<Void> replace(int revision, String status, List<InventoryEntry> inventory) {
            rows.replaceAll(r -> r.revision() != revision ? r : new RevisionRow(r.revision(), r.chartName(),
                    r.chartVersion(), r.appVersion(), r.sourceRevision(), r.sourceDigest(), r.values(),
                    r.valuesDigest(), inventory == null ? r.inventory() : inventory, status, r.action()));
            return Uni.createFrom().voidItem();
        }
    }

    /** Helm's record in the cluster, as a list of what was written. */
    public static final class FakeHelm extends HelmRecords {
        public final List<String> calls = new ArrayList<>();
        /** Helm's newest record when a test makes it stuck {@code pending-*}. */
        public HelmRevisionStatus stuck;
        /** What Helm's storage holds per revision, for records a test wrote "as the helm CLI". */
        public final Map<Integer, HelmReleaseRecord> stored = new HashMap<>();

        FakeHelm() {
            super(null, CLOCK);
        }

        @Override
        public void write(ReleaseState state, RevisionRow row, RenderedRelease rendered, String status,
                String description) {
            calls.add("write " + row.revision() + " " + status);
        }

        @Override
        public void setStatus(ReleaseState state, int revision, String status) {
            calls.add("mark " + revision + " " + status);
        }

        @Override
        public void setStatus(ReleaseState state, int revision, String status, String description) {
            calls.add("mark " + revision + " " + status);
            if (stuck != null && stuck.version() == revision) {
                stuck = null;
            }
        }

        @Override
        public HelmRevisionStatus pending(ReleaseState state) {
            return stuck;
        }

        @Override
        public Optional<HelmReleaseRecord> read(ReleaseState state, int revision) {
            return Optional.ofNullable(stored.get(revision));
        }

        @Override
        public void prune(ReleaseState state, int newest, int maxHistory) {
            calls.add("prune " + maxHistory);
        }

        @Override
        public void deleteAll(ReleaseState state) {
            calls.add("delete all");
        }
    }

    /**
     * The drift check: {@code settings} as the release has them, every object named in {@code drifted} found changed
     * (at /data), reports and corrections recorded.
     */
    public static final class FakeDrift extends DriftCheck {
        public DriftDetection settings = DriftDetection.defaults();
        public final List<String> drifted = new ArrayList<>();
        public final List<String> calls = new ArrayList<>();
        public List<DriftedObject> lastReport;

        FakeDrift() {
            super(null, null, null, null, CLOCK);
        }

        @Override
        public DriftStore.DriftRecord load(ReleaseState state, int revision) {
            return new DriftStore.DriftRecord(settings, List.of());
        }

        @Override
        public List<DriftInspector.Finding> inspect(ReleaseState state, List<ManifestObject> objects,
                DriftStore.DriftRecord record) {
            calls.add("inspect " + objects.size());
            return objects.stream().filter(o -> drifted.contains(o.name())).map(o -> new DriftInspector.Finding(
                    new DriftedObject(o.apiVersion(), o.kind(), state.targetNamespace(), o.name(), false,
                            List.of("/data"), CLOCK.instant(), null), o)).toList();
        }

        @Override
        public void report(ReleaseState state, int revision, List<DriftedObject> objects) {
            lastReport = objects;
        }

        @Override
        public void counted(String outcome, int objects) {
            calls.add(outcome + " " + objects);
        }

        @Override
        public List<Integer> restoreHelmRecords(ReleaseState state) {
            return List.of();
        }
    }

    /** The cluster side: every call recorded; the next {@code failures} applies fail as a webhook would. */
    public static final class FakeOperations extends ReleaseOperations {
        public final List<String> calls = new ArrayList<>();
        /** The post-hook events run, in order. */
        public final List<String> postHooks = new ArrayList<>();
        public int failures;
        private String lastPre;

        FakeOperations() {
            super(null, null);
        }

        @Override
        public void installCrds(ReleaseTarget target, RenderedRelease rendered) {
            // The fake renderer has no crds/.
        }

        /** Recorded by the pre-hook event: {@code install}, {@code upgrade} or {@code rollback}. */
        @Override
        public List<InventoryEntry> apply(ReleaseTarget target, RenderedRelease rendered,
                List<InventoryEntry> previous) throws ApplyException {
            calls.add(lastPre);
            return applied(target, rendered.resources());
        }

        /** What {@link #hookStillRunning} answers: a stored hook wait sees its Job still running. */
        public boolean hookRunning;
        /** The hook events resumed from a stored wait, in order. */
        public final List<String> resumedHooks = new ArrayList<>();

        @Override
        public boolean hookStillRunning(ReleaseTarget target, InventoryEntry hook) {
            return hookRunning;
        }

        /** The running hook finished, and so did the rest of its event. */
        @Override
        public HookProgress resumeHooks(ReleaseTarget target, RenderedRelease rendered, HookEvent event,
                HookProgress.Running running, Duration timeout) {
            resumedHooks.add(event.wire() + " " + running.hook().name());
            if (event.wire().startsWith("pre-")) {
                lastPre = event.wire().substring("pre-".length());
            }
            return new HookProgress.Done(List.of());
        }

        /** An event whose first hook, Job {@code demo-<event>}, is still running once started; null: none. */
        public String startsRunning;

        /**
         * Hooks finish at once, but for {@link #startsRunning}; post events are recorded in {@link #postHooks}.
         */
        @Override
        public HookProgress startHooks(ReleaseTarget target, RenderedRelease rendered, HookEvent event,
                Duration timeout) {
            if (event.wire().startsWith("post-")) {
                postHooks.add(event.wire());
            } else {
                lastPre = event.wire().substring("pre-".length());
            }
            if (event.wire().equals(startsRunning)) {
                InventoryEntry job = new InventoryEntry("batch/v1", "Job", target.namespace(), "demo-" + event.wire());
                return new HookProgress.Running(0, job, CLOCK.instant(), CLOCK.instant().plus(timeout),
                        event.wire() + " hook Job " + target.namespace() + "/" + job.name() + " running", List.of());
            }
            return new HookProgress.Done(List.of());
        }

        @Override
        public void ensureNamespace(ReleaseTarget target) {
            calls.add("namespace " + target.namespace());
        }

        @Override
        public List<InventoryEntry> reapply(ReleaseTarget target, List<ManifestObject> objects)
                throws ApplyException {
            calls.add("reapply " + objects.size());
            return applied(target, objects);
        }

        @Override
        public void delete(ReleaseTarget target, List<InventoryEntry> objects) throws ApplyException {
            calls.add("delete " + objects.stream().map(InventoryEntry::name).toList());
            fail();
        }

        private List<InventoryEntry> applied(ReleaseTarget target, List<ManifestObject> objects)
                throws ApplyException {
            fail();
            return inventoryOf(target, objects, List.of());
        }

        private void fail() throws ApplyException {
            if (failures > 0) {
                failures--;
                throw new ApplyException("admission webhook \"policy\" denied the request");
            }
        }
    }

    /**
     * The cluster's answer to a readiness check: each check takes the next verdict of {@link #verdicts} for every
     * object ({@code Ready} once the queue is empty) and is recorded in {@link #checks}.
     */
    public static final class FakeReadiness extends InventoryReadiness {
        public final java.util.ArrayDeque<HealthStatus> verdicts = new java.util.ArrayDeque<>();
        public int checks;

        FakeReadiness() {
            super(null);
        }

        @Override
        public Readiness check(ReleaseIdentity identity, List<InventoryEntry> inventory, boolean waitForJobs) {
            checks++;
            HealthStatus verdict = verdicts.isEmpty() ? HealthStatus.READY : verdicts.poll();
            return new Readiness(inventory.stream().map(e -> e.withoutHealth().withHealth(verdict.wire(),
                    e.kind() + " " + e.namespace() + "/" + e.name() + ": " + switch (verdict) {
                        case READY -> "1/1 available";
                        case IN_PROGRESS -> "0/1 available";
                        case FAILED -> "0/1 available (ProgressDeadlineExceeded)";
                        case UNKNOWN -> "cannot be read";
                    })).toList());
        }
    }

    /** Renders every chart as one ConfigMap named after the release; {@code broken} makes the chart unrenderable. */
    public static final class FakeRenderer implements RevisionRenderer {
        static final String MANIFEST = "---\n# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\n"
                + "metadata:\n  name: demo\n";
        public final List<String> renders = new ArrayList<>();
        public boolean broken;
        /** The ConfigMap's explicit {@code metadata.namespace}; null: the release's namespace. */
        public String namespace;

        @Override
        public RenderedRelease render(ReleaseState state, String digest, Map<String, Object> values, int revision,
                boolean upgrade) throws RenderException {
            renders.add(revision + (upgrade ? " upgrade" : " install"));
            if (broken) {
                throw new RenderException("template: demo/templates/cm.yaml:3: nil pointer");
            }
            Map<String, Object> meta = namespace == null ? Map.of("name", "demo")
                    : Map.of("name", "demo", "namespace", namespace);
            ManifestObject cm = new ManifestObject("demo/templates/cm.yaml", "v1", "ConfigMap", namespace, "demo",
                    Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", meta),
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n");
            return new RenderedRelease(new ChartMetadata("demo", "0.2.0", "2.0", null, null, null, null, List.of()),
                    Map.of(), List.of(), List.of(cm), List.of(), "", MANIFEST);
        }
    }
}
