package io.helmdeck.release.kube;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.helmdeck.model.ChartMetadata;

/**
 * One revision of a release in Helm 3's own storage, the fields of {@code helm.sh/helm/v3/pkg/release.Release}
 * that {@code helm list/history/status/get} read.
 *
 * @param version       the Helm revision, from 1
 * @param deleted       when it was uninstalled, {@code null} while it is not
 * @param chart         Chart.yaml of the chart
 * @param chartValues   the chart's own values.yaml ({@code helm get values --all} merges {@code config} over it)
 * @param config        the user-supplied values ({@code helm get values})
 * @param manifest      the main manifest ({@code helm get manifest}), hooks not included
 */
public record HelmReleaseRecord(String name, String namespace, int version, HelmStatus status, String description,
        Instant firstDeployed, Instant lastDeployed, Instant deleted, String notes, ChartMetadata chart,
        Map<String, Object> chartValues, Map<String, Object> config, String manifest, List<StoredHook> hooks) {

    /** A copy with another status and description. */
    public HelmReleaseRecord withStatus(HelmStatus newStatus, String newDescription) {
        return new HelmReleaseRecord(name, namespace, version, newStatus, newDescription, firstDeployed,
                lastDeployed, deleted, notes, chart, chartValues, config, manifest, hooks);
    }
}
