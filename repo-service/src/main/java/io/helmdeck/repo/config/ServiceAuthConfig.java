package io.helmdeck.repo.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Static bearer tokens of the services allowed to call the internal API (ADR 0013); a service without one is
 * refused. The token repo-service itself sends is {@code helmdeck.service-token}, outside this prefix.
 */
@ConfigMapping(prefix = "helmdeck.internal")
public interface ServiceAuthConfig {

    /** sync-worker: leases ({@code /internal/v1/sync/**}) and artifact HEAD/PUT. */
    Optional<String> syncWorkerToken();

    /** release-service: source and artifact reads. */
    Optional<String> releaseServiceToken();
}
