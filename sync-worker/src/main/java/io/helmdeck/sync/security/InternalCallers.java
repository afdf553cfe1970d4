package io.helmdeck.sync.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.helmdeck.sync.config.InternalCallersConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Who may call this worker's internal API: repo-service, recognised by its service token. Application scoped, so the
 * runtime config is read on first use rather than when Quarkus REST builds its filters at static init.
 */
@ApplicationScoped
public class InternalCallers {

    private static final Logger LOG = Logger.getLogger(InternalCallers.class);
    private static final String BEARER = "bearer ";

    private final Optional<ServiceToken> repoService;

    public InternalCallers(InternalCallersConfig config) {
        this.repoService = ServiceToken.of(config.repoServiceToken());
    }

    void warnWhenClosed(@Observes StartupEvent started) {
        if (repoService.isEmpty()) {
            LOG.warn("helmdeck.internal.repo-service-token (HELMDECK_INTERNAL_REPO_SERVICE_TOKEN) is not set: every "
                    + "call to /internal/v1/registry is refused, so repo-service cannot list tags or test repositories");
        }
    }

    /** Whether an {@code Authorization} header value carries repo-service's token; false when none is configured. */
    public boolean isRepoService(String authorization) {
        String presented = bearerToken(authorization);
        return presented != null && repoService.isPresent() && repoService.get().matches(presented);
    }

    /** The token of an {@code Authorization: Bearer ...} header (the scheme is case-insensitive), or null. */
    static String bearerToken(String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
