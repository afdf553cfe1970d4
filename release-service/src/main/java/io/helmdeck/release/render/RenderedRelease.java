package io.helmdeck.release.render;

import java.util.List;
import java.util.Map;

import io.helmdeck.model.ChartMetadata;

/**
 * A chart rendered by Helm's engine, split as Helm splits a release.
 *
 * @param chart          Chart.yaml of the top chart
 * @param chartValues    the chart's own values.yaml (Helm stores it in the release as {@code chart.values})
 * @param crds           files of {@code crds/} of the chart and its subcharts, in Helm's order; never templated
 * @param resources      the main manifest's objects, in Helm's install order (kind order, then as rendered)
 * @param hooks          every hook, {@code test} hooks included (callers filter them), in no particular order
 * @param notes          rendered NOTES.txt of the top chart, empty when it has none
 * @param manifest       the main manifest text as Helm stores it in a release ({@code ---} separated, with
 *                       {@code # Source:} lines); hooks and CRDs are not part of it
 */
public record RenderedRelease(ChartMetadata chart, Map<String, Object> chartValues, List<ManifestObject> crds,
        List<ManifestObject> resources, List<Hook> hooks, String notes, String manifest) {
}
