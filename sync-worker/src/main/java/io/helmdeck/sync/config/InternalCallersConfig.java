package io.helmdeck.sync.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The tokens of the services allowed to call this worker's internal API (ADR 0013). */
@ConfigMapping(prefix = "helmdeck.internal")
public interface InternalCallersConfig {

    /**
     * repo-service's own {@code helmdeck.service-token} (env {@code HELMDECK_INTERNAL_REPO_SERVICE_TOKEN}); the only
     * caller of {@code /internal/v1/registry/**}. Not set: every internal call is refused.
     */
    Optional<String> repoServiceToken();
}
