package io.helmdeck.release.reconcile;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.release.kube.ClusterConnection;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.reconcile.action.RevisionRenderer;
import io.helmdeck.release.render.ChartRenderer;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderRequest;
import io.helmdeck.release.render.RenderedRelease;

/** Renders a revision with Helm's engine: the chart by digest from the cache, the cluster's Kubernetes version. */
@ApplicationScoped
public class HelmRevisionRenderer implements RevisionRenderer {

    private final ReleaseSource source;
    private final ChartRenderer renderer;
    private final ClusterConnection cluster;

    public HelmRevisionRenderer(ReleaseSource source, ChartRenderer renderer, ClusterConnection cluster) {
        this.source = source;
        this.renderer = renderer;
        this.cluster = cluster;
    }

    @Override
    public RenderedRelease render(ReleaseState state, String digest, Map<String, Object> values, int revision,
            boolean upgrade) throws RenderException, ChartUnavailable {
        byte[] chart = source.chart(digest);
        return renderer.render(new RenderRequest(chart, state.releaseName(), state.targetNamespace(), values,
                cluster.kubeVersion(), revision, upgrade), state.identity());
    }
}
