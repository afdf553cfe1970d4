package io.helmdeck.release.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Static bearer tokens of the services allowed to call the internal API (ADR 0013); a service without one is
 * refused. The token release-service itself sends is {@code helmdeck.service-token}, outside this prefix.
 */
@ConfigMapping(prefix = "helmdeck.internal")
public interface ServiceAuthConfig {

    /** repo-service: source-change events ({@code POST /internal/v1/source-events}). */
    Optional<String> repoServiceToken();
}
