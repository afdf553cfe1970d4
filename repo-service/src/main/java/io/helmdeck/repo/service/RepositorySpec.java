package io.helmdeck.repo.service;

import java.util.Map;

/**
 * A validated, normalised OCI repository spec with every default applied.
 * {@code authSecret} is the clear-text secret given in this request, or null to keep the stored one.
 */
public record RepositorySpec(
        String name,
        String url,
        int intervalSeconds,
        String refTag,
        String refSemver,
        String refSemverFilter,
        String refDigest,
        String layerMediaType,
        String layerOperation,
        String authType,
        String authUsername,
        String authSecret,
        boolean insecure,
        String caCertificate,
        String timeout,
        boolean suspend,
        String description,
        Map<String, String> labels) {

    @Override
    public String toString() {
        return "RepositorySpec[name=" + name + ", url=" + url + ", authType=" + authType + ", secret=***]";
    }
}
