package io.helmdeck.support.security;

import java.lang.reflect.Method;
import java.util.Arrays;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.helmdeck.model.ProblemException;
import io.helmdeck.support.rest.PathParams;

/**
 * The internal API answers only the services of ADR 0013, each on its own endpoints: a missing or unknown token
 * (a user JWT included) is 401, a known service on an endpoint not {@link AllowedServices allowed} to it is 403.
 */
public class ServiceAccessFilter {

    private final ServiceTokens tokens;
    private final ApiSurface surface;

    public ServiceAccessFilter(ServiceTokens tokens, ApiSurface surface) {
        this.tokens = tokens;
        this.surface = surface;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void authorize(ContainerRequestContext request, ResourceInfo resource) {
        if (!surface.isInternal(resource)) {
            return;
        }
        String caller = tokens.identify(BearerToken.of(request.getHeaderString(HttpHeaders.AUTHORIZATION)))
                .orElseThrow(() -> ProblemException.unauthorized("a service token is required"));
        if (!allowed(resource.getResourceMethod(), resource.getResourceClass(), caller)) {
            throw ProblemException.forbidden(caller + " may not call " + request.getMethod() + " "
                    + request.getUriInfo().getRequestUri().getRawPath());
        }
        PathParams.decoded(request.getUriInfo());
    }

    private static boolean allowed(Method method, Class<?> type, String caller) {
        AllowedServices allowed = method == null ? null : method.getAnnotation(AllowedServices.class);
        if (allowed == null) {
            allowed = type.getAnnotation(AllowedServices.class);
        }
        return allowed != null && Arrays.asList(allowed.value()).contains(caller);
    }
}
