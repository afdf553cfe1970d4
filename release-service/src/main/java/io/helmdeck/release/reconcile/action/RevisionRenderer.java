package io.helmdeck.release.reconcile.action;

import java.util.Map;

import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.reconcile.ChartUnavailable;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderedRelease;

/** Renders one revision of a release: the chart fetched by digest, Helm's engine, the cluster's version. */
public interface RevisionRenderer {

    RenderedRelease render(ReleaseState state, String digest, Map<String, Object> values, int revision,
            boolean upgrade) throws RenderException, ChartUnavailable;
}
