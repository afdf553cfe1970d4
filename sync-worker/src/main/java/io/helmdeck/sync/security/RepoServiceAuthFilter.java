package io.helmdeck.sync.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;

import io.helmdeck.model.Problem;

/**
 * Lets a {@link RepoServiceOnly} request through only with {@code Authorization: Bearer <repo-service's token>};
 * anything else is a 401 problem, answered before the body is read.
 */
@Provider
@RepoServiceOnly
@Priority(Priorities.AUTHENTICATION)
public class RepoServiceAuthFilter implements ContainerRequestFilter {

    static final String REALM = "Bearer realm=\"helmdeck\"";
    private static final Logger LOG = Logger.getLogger(RepoServiceAuthFilter.class);

    private final InternalCallers callers;

    public RepoServiceAuthFilter(InternalCallers callers) {
        this.callers = callers;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (callers.isRepoService(authorization)) {
            return;
        }
        boolean tokenSent = InternalCallers.bearerToken(authorization) != null;
        String path = request.getUriInfo().getPath();
        // Never the token itself in the log: a wrong token may be a right one for another service.
        LOG.debugf("refused %s %s: %s", request.getMethod(), path, tokenSent ? "not repo-service's token"
                : "no bearer token");
        request.abortWith(unauthorized(tokenSent, path));
    }

    private static Response unauthorized(boolean tokenSent, String path) {
        Problem problem = new Problem("urn:helmdeck:problem:unauthorized", "Unauthorized", 401,
                tokenSent ? "the bearer token is not valid for this endpoint"
                        : "this endpoint needs repo-service's service token as a bearer token",
                path);
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? REALM + ", error=\"invalid_token\"" : REALM)
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
