package io.helmdeck.sync.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.helmdeck.model.Artifact;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.RepositoryTestResult;
import io.helmdeck.model.sync.SyncOutcome;
import io.helmdeck.model.sync.SyncReport;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.model.value.Digest;
import io.helmdeck.model.value.GoDuration;
import io.helmdeck.model.value.OciReference;
import io.helmdeck.model.value.Revision;
import io.helmdeck.sync.chart.ChartExtractor;
import io.helmdeck.sync.config.SyncConfig;
import io.helmdeck.sync.lease.ArtifactStoreClient;
import io.helmdeck.sync.lease.WorkerId;
import io.helmdeck.sync.oci.RegistryClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Turns one leased repository into a {@link SyncReport}, in the shape of Flux's OCIRepository reconcile: a short list
 * of steps with one signature, run in order until one ends the sync early or fails. Every failure becomes a report
 * with a typed reason; nothing here throws.
 */
@ApplicationScoped
public class OciRepositoryReconciler {

    private static final Logger LOG = Logger.getLogger(OciRepositoryReconciler.class);

    /** What a step lets happen next. */
    enum Next {
        /** Hand the state to the next step. */
        CONTINUE,
        /** The outcome is decided; skip the remaining steps. */
        DONE
    }

    /** One step of the pipeline. */
    @FunctionalInterface
    interface Step {
        Uni<Next> run(SyncState state);
    }

    private final RegistryClient registry;
    private final ChartExtractor extractor;
    private final ArtifactStoreClient store;
    private final SyncConfig config;
    private final SyncMetrics metrics;
    private final WorkerId worker;
    private final Clock clock;
    private final List<Step> steps = List.of(this::resolveReference, this::skipIfUnchanged, this::fetchLayer,
            this::readChart, this::storeArtifact);
    /** A dry run takes the same steps up to, not including, the comparison and the upload. */
    private final List<Step> probeSteps = List.of(this::resolveReference, this::fetchLayer, this::readChart);

    @Inject
    public OciRepositoryReconciler(RegistryClient registry, ChartExtractor extractor, ArtifactStoreClient store,
            SyncConfig config, SyncMetrics metrics, WorkerId worker) {
        this(registry, extractor, store, config, metrics, worker, Clock.systemUTC());
    }

    OciRepositoryReconciler(RegistryClient registry, ChartExtractor extractor, ArtifactStoreClient store,
            SyncConfig config, SyncMetrics metrics, WorkerId worker, Clock clock) {
        this.registry = registry;
        this.extractor = extractor;
        this.store = store;
        this.config = config;
        this.metrics = metrics;
        this.worker = worker;
        this.clock = clock;
    }

    /** Runs the pipeline for {@code task} within the task's timeout; the Uni never fails. */
    public Uni<SyncReport> reconcile(SyncTask task) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            metrics.started();
            return Uni.createFrom().deferred(() -> pipeline(task))
                    .onFailure().recoverWithItem(failure -> failed(task, failure))
                    .map(report -> finish(report, started))
                    .onTermination().invoke(metrics::ended);
        });
    }

    /**
     * What a sync of {@code task} would store, without comparing or storing anything: the answer of
     * {@code POST …:test}. The Uni never fails; a failure is a result with its typed reason.
     */
    public Uni<RepositoryTestResult> probe(SyncTask task) {
        return Uni.createFrom().deferred(() -> {
            SyncState state = new SyncState(task, SyncSpec.of(task, config.timeout()));
            return within(state, run(state, probeSteps, 0)).map(ignored -> new RepositoryTestResult(true,
                    Reasons.SUCCEEDED, "a sync would store revision " + state.revision,
                    new Artifact(state.revision.toString(), state.blob.digest().toString(), state.blob.size(),
                            state.layer.mediaType(), clock.instant(), state.chart)));
        }).onFailure().recoverWithItem(failure -> {
            SyncFailure f = SyncFailure.of(failure, task.url());
            return new RepositoryTestResult(false, f.reason(), f.message(), null);
        });
    }

    private Uni<SyncReport> pipeline(SyncTask task) {
        SyncState state = new SyncState(task, SyncSpec.of(task, config.timeout()));
        return within(state, run(state, steps, 0)).map(ignored -> report(state));
    }

    /** Each registry call has the task's deadline too; this one also bounds the chart read and the upload. */
    private static <T> Uni<T> within(SyncState state, Uni<T> work) {
        Duration timeout = state.spec.timeout();
        return work.ifNoItem().after(timeout).failWith(() -> new ReconcileException(Reasons.TIMEOUT, "sync of "
                + state.describe() + " did not finish within the timeout of " + GoDuration.format(timeout)));
    }

    private static Uni<Next> run(SyncState state, List<Step> steps, int step) {
        if (step == steps.size()) {
            return Uni.createFrom().item(Next.DONE);
        }
        return steps.get(step).run(state)
                .chain(next -> next == Next.DONE ? Uni.createFrom().item(Next.DONE) : run(state, steps, step + 1));
    }

    // --- steps ---

    /** Tag and digest refs cost one HEAD; a semver ref lists the tags first and resolves the highest match. */
    Uni<Next> resolveReference(SyncState state) {
        OciReference reference = state.spec.reference();
        if (reference instanceof OciReference.Pinned pinned) {
            return registry.resolve(state.spec.target(), pinned.digest().toString()).map(digest -> {
                if (!digest.equals(pinned.digest())) {
                    throw new ReconcileException(Reasons.DIGEST_MISMATCH, "registry resolved digest "
                            + pinned.digest() + " of " + state.describe() + " to " + digest);
                }
                state.revision = Revision.of(null, digest);
                return Next.CONTINUE;
            });
        }
        Uni<String> tag;
        if (reference instanceof OciReference.Semver semver) {
            tag = registry.listTags(state.spec.target()).map(tags -> semver.selector().selectHighest(tags)
                    .orElseThrow(() -> new ReconcileException(Reasons.NOT_FOUND, "no tag of " + state.spec.url()
                            + " matches " + semver.describe() + " (" + tags.size() + " tags)")));
        } else {
            tag = Uni.createFrom().item(((OciReference.Tag) reference).tag());
        }
        return tag.chain(t -> registry.resolve(state.spec.target(), t).map(digest -> {
            state.revision = Revision.of(t, digest);
            return Next.CONTINUE;
        }));
    }

    /**
     * Nothing changed when the spec is the one last acted on and the resolved revision is the stored one. The whole
     * revision is compared, not only its digest: a semver ref that now selects another tag of the same manifest is a
     * new revision, as in Flux. For tag and digest refs that is the same as comparing digests.
     */
    Uni<Next> skipIfUnchanged(SyncState state) {
        SyncTask task = state.task;
        boolean sameSpec = task.observedVersion() != null && task.observedVersion() == task.specVersion();
        if (sameSpec && state.revision.equals(lastRevision(task))) {
            state.outcome = SyncOutcome.Unchanged;
            return Uni.createFrom().item(Next.DONE);
        }
        return Uni.createFrom().item(Next.CONTINUE);
    }

    /** The manifest, then the selected layer, streamed through SHA-256 within the size limit. */
    Uni<Next> fetchLayer(SyncState state) {
        Digest manifestDigest = state.revision.digest();
        return registry.fetchManifest(state.spec.target(), manifestDigest).chain(manifest -> {
            state.layer = manifest.layer(state.spec.mediaType());
            return registry.fetchBlob(state.spec.target(), state.layer, config.maxArtifactSize());
        }).map(blob -> {
            state.blob = blob;
            return Next.CONTINUE;
        });
    }

    /** Unpacking is CPU and stream work, so it runs on a worker thread, never on the event loop. */
    Uni<Next> readChart(SyncState state) {
        if (!state.spec.extract()) {
            return Uni.createFrom().item(Next.CONTINUE);
        }
        byte[] archive = state.blob.content();
        return Uni.createFrom().item(() -> extractor.extract(archive))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(chart -> {
                    state.chart = chart;
                    return Next.CONTINUE;
                });
    }

    /** The store is content-addressed and shared between repositories: upload only a blob it does not have. */
    Uni<Next> storeArtifact(SyncState state) {
        return store.has(state.blob.digest())
                .chain(present -> present ? Uni.createFrom().voidItem() : store.put(state.blob, state.layer.mediaType()))
                .map(ignored -> {
                    state.outcome = SyncOutcome.Updated;
                    state.artifact = new Artifact(state.revision.toString(), state.blob.digest().toString(),
                            state.blob.size(), state.layer.mediaType(), clock.instant(), state.chart);
                    return Next.CONTINUE;
                });
    }

    // --- reports ---

    private static Revision lastRevision(SyncTask task) {
        if (task.lastRevision() == null) {
            return null;
        }
        try {
            return Revision.parse(task.lastRevision());
        } catch (IllegalArgumentException e) {
            return null; // an unreadable stored revision is simply "changed"
        }
    }

    private SyncReport report(SyncState state) {
        if (state.outcome == null) {
            throw new IllegalStateException("the pipeline ended without an outcome");
        }
        return new SyncReport(worker.value(), state.task.specVersion(), state.outcome, state.artifact, null, null, 0,
                null);
    }

    private SyncReport failed(SyncTask task, Throwable failure) {
        SyncFailure f = SyncFailure.of(failure, task.tenant() + "/" + task.name());
        return new SyncReport(worker.value(), task.specVersion(), SyncOutcome.Failed, null, f.reason(), f.message(), 0,
                f.retryAfterSeconds());
    }

    private SyncReport finish(SyncReport report, long startedNanos) {
        Duration duration = Duration.ofNanos(System.nanoTime() - startedNanos);
        metrics.finished(report.outcome(), report.reason(), duration);
        LOG.debugf("sync finished: %s %s in %d ms", report.outcome(),
                report.reason() == null ? "" : report.reason(), duration.toMillis());
        return new SyncReport(report.worker(), report.specVersion(), report.outcome(), report.artifact(),
                report.reason(), report.message(), duration.toMillis(), report.retryAfterSeconds());
    }
}
