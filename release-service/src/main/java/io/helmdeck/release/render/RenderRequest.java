package io.helmdeck.release.render;

import java.util.Map;

/**
 * What to render.
 *
 * @param chartArchive the chart .tgz, as stored by repo-service
 * @param values       the release's values, merged by Helm over the chart's values.yaml
 * @param kubeVersion  the cluster's version, e.g. {@code v1.31.2}, for {@code kubeVersion} and {@code .Capabilities}
 * @param revision     the Helm revision being rendered ({@code .Release.Revision})
 * @param upgrade      whether this is an upgrade ({@code .Release.IsUpgrade}/{@code .Release.IsInstall})
 */
public record RenderRequest(byte[] chartArchive, String releaseName, String namespace, Map<String, Object> values,
        String kubeVersion, int revision, boolean upgrade) {
}
