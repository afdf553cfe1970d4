package io.helmdeck.sync.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The token this worker sends on every call to repo-service's internal API (ADR 0013). */
@ConfigMapping(prefix = "helmdeck")
public interface ServiceTokenConfig {

    /**
     * {@code helmdeck.service-token} (env {@code HELMDECK_SERVICE_TOKEN}); repo-service knows it as
     * {@code helmdeck.internal.sync-worker-token}. Without it the calls go unauthenticated and repo-service refuses them.
     */
    Optional<String> serviceToken();
}
