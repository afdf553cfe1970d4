package io.helmdeck.sync.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * The token this worker sends on every call to repo-service's internal API (ADR 0013): {@code helmdeck.service-token},
 * env {@code HELMDECK_SERVICE_TOKEN}. The prefix is the key itself: a mapping of all of {@code helmdeck} would claim
 * every other {@code helmdeck.*} key and fail on them.
 */
@ConfigMapping(prefix = "helmdeck.service-token")
public interface ServiceTokenConfig {

    /** repo-service knows it as {@code helmdeck.internal.sync-worker-token}; without it repo-service refuses the calls. */
    @WithParentName
    Optional<String> serviceToken();
}
