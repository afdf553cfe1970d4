package io.helmdeck.portal.config;

import java.time.Duration;

/** Where the portal finds the APIs it forwards to, and how long it waits for them. */
public interface PortalConfig {

    /** repo-service's base URL: OCI repositories and artifacts. */
    String repoServiceUrl();

    /** release-service's base URL: Helm releases. */
    String releaseServiceUrl();

    /** How long a forwarded call may take before the browser gets a 504. */
    Duration timeout();
}
