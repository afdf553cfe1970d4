package io.helmdeck.sync.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where repo-service's internal API is and how long a call to it may take. */
@ConfigMapping(prefix = "helmdeck.repo-service")
public interface LeaseApiConfig {

    /** Base URL, e.g. {@code http://repo-service:8081}. */
    @WithDefault("http://localhost:8081")
    String url();

    /** Deadline of one call; an artifact upload of the largest allowed chart must fit in it. */
    @WithDefault("30s")
    Duration timeout();
}
