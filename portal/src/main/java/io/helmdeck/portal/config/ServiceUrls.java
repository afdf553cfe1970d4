package io.helmdeck.portal.config;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The portal's settings under the names the other services use for the same URLs ({@code HELMDECK_REPO_SERVICE_URL},
 * {@code HELMDECK_RELEASE_SERVICE_URL}), so deployments wire every service alike.
 */
@ApplicationScoped
public class ServiceUrls implements PortalConfig {

    private final String repoServiceUrl;
    private final String releaseServiceUrl;
    private final Duration timeout;

    public ServiceUrls(
            @ConfigProperty(name = "helmdeck.repo-service.url", defaultValue = "http://localhost:8081") String repoServiceUrl,
            @ConfigProperty(name = "helmdeck.release-service.url", defaultValue = "http://localhost:8082") String releaseServiceUrl,
            @ConfigProperty(name = "helmdeck.portal.timeout", defaultValue = "30s") Duration timeout) {
        this.repoServiceUrl = repoServiceUrl;
        this.releaseServiceUrl = releaseServiceUrl;
        this.timeout = timeout;
    }

    @Override
    public String repoServiceUrl() {
        return repoServiceUrl;
    }

    @Override
    public String releaseServiceUrl() {
        return releaseServiceUrl;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }
}
