package io.helmdeck.support.security;

import java.util.Set;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.helmdeck.model.ProblemException;
import io.helmdeck.support.config.ServiceProfile;
import io.helmdeck.support.rest.PathParams;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The access rules of the public API (ADR 0013), applied to every matched public resource so a new endpoint
 * cannot forget them: a valid user token (401), a tenant in the token unless admin (404, so nothing about another
 * tenant can be learned), and no writes by a viewer (403).
 */
public class UserAccessFilter {

    /** Reads; every other method changes something or makes the service act (e.g. {@code :test}). */
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final CurrentIdentityAssociation identities;
    private final CurrentCaller current;
    private final ApiSurface surface;
    private final String resourceNoun;

    public UserAccessFilter(CurrentIdentityAssociation identities, CurrentCaller current, ApiSurface surface,
            ServiceProfile profile) {
        this.identities = identities;
        this.current = current;
        this.surface = surface;
        this.resourceNoun = profile.resourceNoun().orElse("record");
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Void> authorize(ContainerRequestContext request, UriInfo uri, ResourceInfo resource) {
        if (!surface.isPublic(resource)) {
            return Uni.createFrom().voidItem();
        }
        // Proactive authentication is off: the token is verified here, on first use, so failures reach the
        // problem mappers instead of an empty 401 from the HTTP layer.
        return identities.getDeferredIdentity().map(identity -> {
            Caller caller = authorize(identity, request.getMethod(), uri);
            current.set(caller);
            return null;
        });
    }

    private Caller authorize(SecurityIdentity identity, String method, UriInfo uri) {
        if (identity == null || identity.isAnonymous()) {
            throw ProblemException.unauthorized("a bearer token is required");
        }
        Caller caller = Caller.of(identity);
        MultivaluedMap<String, String> params = PathParams.decoded(uri);
        String tenant = params.getFirst("tenant");
        if (tenant != null && !caller.mayUse(tenant)) {
            String name = params.getFirst("name");
            // Worded exactly as the answer for a record that does not exist.
            throw ProblemException.notFound(name == null ? "tenant " + tenant : resourceNoun + " " + tenant + "/" + name);
        }
        if (!READS.contains(method) && !caller.mayWrite()) {
            throw ProblemException.forbidden("the viewer role may only read");
        }
        return caller;
    }
}
