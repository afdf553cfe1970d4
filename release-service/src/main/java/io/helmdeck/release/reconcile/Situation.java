package io.helmdeck.release.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helmdeck.model.Artifact;
import io.helmdeck.release.config.DeployConfig;
import io.helmdeck.release.kube.HelmRevisionStatus;
import io.helmdeck.release.kube.ReleaseTarget;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.action.Outcome;
import io.helmdeck.release.source.SourceLookup;

/**
 * Everything {@link NextAction#decide} looks at, gathered by the reconciler: the stored release, the deploy mode, the
 * cluster, the source (null until it was looked up) and the actions this reconcile already ran.
 *
 * @param steps       the actions run so far in this reconcile, oldest first
 * @param helmPending the newest revision in Helm's own storage when it is stuck {@code pending-*} (left by the
 *                    {@code helm} CLI or a crashed process), else null; only looked at when Helmdeck applies itself
 */
public record Situation(ReleaseState state, DeployConfig.Mode mode, boolean clusterAvailable, String clusterDescription,
        SourceLookup source, List<Step> steps, HelmRevisionStatus helmPending) {

    /** Nothing pending in Helm's storage. */
    public Situation(ReleaseState state, DeployConfig.Mode mode, boolean clusterAvailable, String clusterDescription,
            SourceLookup source, List<Step> steps) {
        this(state, mode, clusterAvailable, clusterDescription, source, steps, null);
    }

    /** One action this reconcile ran and what it reported. */
    public record Step(NextAction action, Outcome outcome) {
    }

    public Situation withSource(SourceLookup found) {
        return new Situation(state, mode, clusterAvailable, clusterDescription, found, steps, helmPending);
    }

    /**
     * The same situation after an action wrote revisions: the history read again, the step remembered. Helm's stuck
     * record is gone once {@link NextAction#FINISH_INTERRUPTED} ran, which unlocks it.
     */
    public Situation after(Step step, List<RevisionRow> revisions) {
        List<Step> all = new ArrayList<>(steps);
        all.add(step);
        return new Situation(state.withRevisions(revisions), mode, clusterAvailable, clusterDescription, source,
                List.copyOf(all), step.action() == NextAction.FINISH_INTERRUPTED ? null : helmPending);
    }

    public Optional<Step> lastStep() {
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
    }

    /** The source's artifact; null when the source was not looked up, is missing or has none yet. */
    public Artifact artifact() {
        return source instanceof SourceLookup.Found found ? ReleaseSource.artifact(found) : null;
    }

    public ReleaseTarget target() {
        return state.target();
    }

    /** The plan for the source's artifact and the release's values; only when there is an artifact. */
    public ReleasePlan plan() {
        return ReleasePlan.decide(state, artifact().digest(), ValuesDigest.of(state.values()));
    }
}
