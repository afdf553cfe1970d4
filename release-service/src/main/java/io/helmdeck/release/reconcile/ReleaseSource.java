package io.helmdeck.release.reconcile;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Artifact;
import io.helmdeck.release.source.ChartCache;
import io.helmdeck.release.source.ChartFetchException;
import io.helmdeck.release.source.SourceClient;
import io.helmdeck.release.source.SourceLookup;

/** A release's source as the reconciler needs it: the repository's last good artifact, and the chart by digest. */
@ApplicationScoped
public class ReleaseSource {

    private final SourceClient sources;
    private final ChartCache charts;

    public ReleaseSource(SourceClient sources, ChartCache charts) {
        this.sources = sources;
        this.charts = charts;
    }

    public SourceLookup lookup(String tenant, String name) {
        return sources.find(tenant, name);
    }

    /** The artifact of a found repository; null when it has none yet. */
    public static Artifact artifact(SourceLookup.Found found) {
        return found.repository().status() == null ? null : found.repository().status().artifact();
    }

    /** The chart archive with this digest, verified. */
    public byte[] chart(String digest) throws ChartUnavailable {
        try {
            return charts.chart(digest);
        } catch (ChartFetchException e) {
            throw new ChartUnavailable("chart " + digest + " could not be fetched: " + e.getMessage(), e);
        }
    }
}
