package io.helmdeck.release.reconcile.action;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Artifact;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.reconcile.ChartUnavailable;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderedRelease;

/**
 * No cluster configured: the release is rendered, so chart and values errors show, and nothing is applied or
 * recorded as a revision. Inputs rendered once already are not rendered again (renders are not free, ADR 0007).
 */
@ApplicationScoped
public class RenderOnly implements ReleaseAction {

    static final String RENDERED = Reasons.CLUSTER_UNAVAILABLE;

    private final RevisionRenderer renderer;

    public RenderOnly(RevisionRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public NextAction kind() {
        return NextAction.RENDER_ONLY;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        ReleaseState state = situation.state();
        Artifact artifact = situation.artifact();
        if (ReleasePhase.ClusterUnavailable.name().equals(state.phase()) && state.specObserved()
                && artifact.revision().equals(state.lastAttemptedRevision())) {
            return Outcome.atInterval(RENDERED);
        }
        draft.lastAttemptedRevision = artifact.revision();
        try {
            RenderedRelease rendered = renderer.render(state, artifact.digest(), state.values(),
                    state.nextRevisionNumber(), state.deployed().isPresent());
            draft.phase(ReleasePhase.ClusterUnavailable.name()).ready(false, RENDERED,
                    "rendered " + rendered.resources().size() + " objects of " + rendered.chart().name() + "-"
                            + rendered.chart().version() + "; not applied: " + situation.clusterDescription());
            return Outcome.atInterval(RENDERED);
        } catch (RenderException | ChartUnavailable e) {
            String reason = e instanceof ChartUnavailable ? Reasons.ARTIFACT_FAILED : Reasons.RENDER_FAILED;
            draft.phase(ReleasePhase.Failed.name()).ready(false, reason, e.getMessage());
            return Outcome.atInterval(reason);
        }
    }
}
