package io.helmdeck.support.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import io.helmdeck.model.ProblemException;
import io.helmdeck.model.Violation;
import io.helmdeck.model.value.DnsLabel;

/** Checks of path and query parameters, so a malformed URL gets a clear 400 before any database access. */
public final class PathParams {

    private PathParams() {
    }

    /** Checks {@code tenant} and, when given, a record {@code name} of at most {@code maxNameLength} characters. */
    public static void check(String tenant, String name, int maxNameLength) {
        List<Violation> violations = new ArrayList<>();
        DnsLabel.check(tenant, DnsLabel.MAX_TENANT).ifPresent(m -> violations.add(new Violation("path.tenant", m)));
        if (name != null) {
            DnsLabel.check(name, maxNameLength).ifPresent(m -> violations.add(new Violation("path.name", m)));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidPath(violations);
        }
    }

    /**
     * A whole-number query parameter, or null when absent; 400 naming the parameter when it is not a number. (One
     * copy of this class had {@code parseLimit}, the other this general form; the general form keeps both messages:
     * "limit must be a whole number" is what it says for {@code limit}.)
     */
    public static Integer parseInt(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field + " must be a whole number");
        }
    }

    /**
     * Path parameters decoded as the resource method will receive them. Quarkus REST decodes them once more than
     * the path, so a literal {@code %25} followed by garbage fails there with an IllegalArgumentException (a 500);
     * read here first, by the access filters, such a path is a 400 before any endpoint runs.
     */
    public static MultivaluedMap<String, String> decoded(UriInfo uri) {
        try {
            return uri.getPathParameters();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("a path parameter is not validly percent-encoded");
        }
    }
}
