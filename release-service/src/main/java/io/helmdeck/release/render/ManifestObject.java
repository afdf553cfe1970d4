package io.helmdeck.release.render;

import java.util.Map;

/**
 * One Kubernetes object rendered from a chart.
 *
 * @param source    the chart file it came from, as Helm writes it after {@code # Source:}
 * @param namespace as rendered; {@code null} when the template gave none
 * @param body      the whole object, as parsed from the YAML
 * @param yaml      the object's YAML as Helm rendered it (used for the stored manifest and for diffs)
 */
public record ManifestObject(String source, String apiVersion, String kind, String namespace, String name,
        Map<String, Object> body, String yaml) {
}
