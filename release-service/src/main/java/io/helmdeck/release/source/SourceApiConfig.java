package io.helmdeck.release.source;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where repo-service is (OCI repositories and chart artifacts) and how long one call to it may take. */
@ConfigMapping(prefix = "helmdeck.repo-service")
public interface SourceApiConfig {

    /** Base URL, e.g. {@code http://repo-service:8081}. */
    @WithDefault("http://localhost:8081")
    String url();

    /** Deadline of one call, connecting included; a download of the largest allowed chart must fit in it. */
    @WithDefault("30s")
    Duration timeout();
}
