package io.helmdeck.release.service;

import java.util.Map;

import io.helmdeck.model.DriftDetection;
import io.helmdeck.release.persistence.WaitOptions;

/**
 * A validated Helm release spec with every default applied; {@code valuesJson} is the compact JSON of the values,
 * {@code driftDetection} never null.
 */
public record ReleaseSpec(
        String name,
        String sourceType,
        String sourceName,
        String releaseName,
        String targetNamespace,
        String valuesJson,
        int intervalSeconds,
        String timeout,
        boolean createNamespace,
        int installRetries,
        int upgradeRetries,
        String upgradeStrategy,
        int maxHistory,
        boolean suspend,
        String description,
        Map<String, String> labels,
        WaitOptions waitOptions,
        DriftDetection driftDetection) {
}
