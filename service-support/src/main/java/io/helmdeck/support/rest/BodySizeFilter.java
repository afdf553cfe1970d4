package io.helmdeck.support.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.helmdeck.support.config.ApiLimits;
import io.helmdeck.model.ProblemException;

/** Rejects oversized API bodies with 413 before they are read. */
public class BodySizeFilter {

    private final ApiLimits api;

    public BodySizeFilter(ApiLimits api) {
        this.api = api;
    }

    @ServerRequestFilter(preMatching = true)
    public void checkLength(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        // Artifact uploads on the internal API have their own, larger limit.
        if (length == null || isInternal(request)) {
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Content-Length is not a number");
        }
        if (bytes > api.maxBodyBytes()) {
            throw ProblemException.tooLarge(bytes, api.maxBodyBytes());
        }
    }

    private static boolean isInternal(ContainerRequestContext request) {
        try {
            return request.getUriInfo().getPath().startsWith("/internal/");
        } catch (IllegalArgumentException e) {
            // A path that does not decode matches no endpoint; it gets the public limit.
            return false;
        }
    }
}
