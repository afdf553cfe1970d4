package io.helmdeck.portal.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the portal finds the APIs it forwards to. */
@ConfigMapping(prefix = "helmdeck.portal")
public interface PortalConfig {

    /** repo-service's base URL: OCI repositories and artifacts. */
    @WithDefault("http://localhost:8081")
    String repoServiceUrl();

    /** release-service's base URL: Helm releases. */
    @WithDefault("http://localhost:8082")
    String releaseServiceUrl();

    /** How long a forwarded call may take before the browser gets a 504. */
    @WithDefault("30s")
    Duration timeout();
}
