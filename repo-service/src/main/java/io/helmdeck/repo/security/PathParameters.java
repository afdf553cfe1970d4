package io.helmdeck.repo.security;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import io.helmdeck.model.ProblemException;

/**
 * Path parameters decoded as the resource method will receive them. Quarkus REST decodes them once more than the
 * path, so a literal {@code %25} followed by garbage fails there with an IllegalArgumentException (a 500); read
 * here first, such a path is a 400 before any endpoint runs.
 */
final class PathParameters {

    private PathParameters() {
    }

    static MultivaluedMap<String, String> decoded(UriInfo uri) {
        try {
            return uri.getPathParameters();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("a path parameter is not validly percent-encoded");
        }
    }
}
