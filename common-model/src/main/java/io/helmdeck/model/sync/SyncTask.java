package io.helmdeck.model.sync;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.helmdeck.model.LayerSelector;
import io.helmdeck.model.OciRepositoryRef;

/**
 * One leased repository for a sync worker: the spec as of {@code specVersion}, what the last sync stored, and
 * until when the lease holds.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncTask(
        long repositoryId,
        String tenant,
        String name,
        long specVersion,
        String url,
        int intervalSeconds,
        OciRepositoryRef ref,
        LayerSelector layerSelector,
        SyncCredentials credentials,
        boolean insecure,
        String caCertificate,
        String timeout,
        /** Revision ({@code tag@sha256:…}) of the stored artifact, or null before the first success. */
        String lastRevision,
        /** Spec version the last sync acted on, or null. */
        Long observedVersion,
        int consecutiveFailures,
        Instant leaseExpiresAt) {
}
