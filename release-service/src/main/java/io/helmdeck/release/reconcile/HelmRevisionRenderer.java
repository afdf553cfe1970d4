package io.helmdeck.release.reconcile;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.release.kube.ClusterConnection;
import io.helmdeck.release.kube.ReleaseIdentity;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.reconcile.action.RevisionRenderer;
import io.helmdeck.release.render.ChartRenderer;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderRequest;
import io.helmdeck.release.render.RenderedRelease;

/**
 * Renders a revision with Helm's engine: the chart by digest from the cache, the cluster's Kubernetes version. A
 * revision rendered lately is not rendered again: the readiness check that concludes an install, upgrade or rollback
 * needs the same revision once more (post hooks, Helm's record) a few seconds after the apply. The key holds
 * everything a render depends on, the revision number included, so a kept render is what rendering again would give
 * — for a chart that calls {@code lookup}, what was rendered and applied for that revision, as Helm's stored release
 * keeps it. A render is kept until that one use; a miss (another replica rendered it, or it was dropped as the least
 * recently used) only costs a render.
 */
@ApplicationScoped
public class HelmRevisionRenderer implements RevisionRenderer {

    private final ReleaseSource source;
    private final ChartRenderer renderer;
    private final ClusterConnection cluster;
    private final RecentlyUsed<Rendering, RenderedRelease> recent;

    public HelmRevisionRenderer(ReleaseSource source, ChartRenderer renderer, ClusterConnection cluster,
            ReconcileConfig config) {
        this.source = source;
        this.renderer = renderer;
        this.cluster = cluster;
        this.recent = new RecentlyUsed<>(config.renderedRevisionsKept());
    }

    @Override
    public RenderedRelease render(ReleaseState state, String digest, Map<String, Object> values, int revision,
            boolean upgrade) throws RenderException, ChartUnavailable {
        String kubeVersion = cluster.kubeVersion();
        Rendering key = new Rendering(state.id(), state.releaseName(), state.targetNamespace(),
                state.identity(), digest, values, revision, upgrade, kubeVersion);
        // Used once (the check that concludes the wait), so taken out: the keep holds only revisions still waiting.
        RenderedRelease kept = recent.take(key);
        if (kept != null) {
            return kept;
        }
        byte[] chart = source.chart(digest);
        RenderedRelease rendered = renderer.render(new RenderRequest(chart, state.releaseName(),
                state.targetNamespace(), values, kubeVersion, revision, upgrade), state.identity());
        recent.put(key, rendered);
        return rendered;
    }

    /** What a render of a revision depends on. */
    private record Rendering(long releaseId, String releaseName, String namespace, ReleaseIdentity identity,
            String digest, Map<String, Object> values, int revision, boolean upgrade, String kubeVersion) {
    }
}
