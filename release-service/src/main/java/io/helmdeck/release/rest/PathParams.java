package io.helmdeck.release.rest;

import java.util.ArrayList;
import java.util.List;

import io.helmdeck.model.Violation;
import io.helmdeck.model.value.DnsLabel;
import io.helmdeck.model.ProblemException;

/** Checks of path and query parameters, so a malformed URL gets a clear 400 before any database access. */
final class PathParams {

    private PathParams() {
    }

    static void check(String tenant, String name) {
        List<Violation> violations = new ArrayList<>();
        DnsLabel.check(tenant, DnsLabel.MAX_TENANT).ifPresent(m -> violations.add(new Violation("path.tenant", m)));
        if (name != null) {
            DnsLabel.check(name, DnsLabel.MAX_RELEASE_NAME).ifPresent(m -> violations.add(new Violation("path.name", m)));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidPath(violations);
        }
    }

    /** A whole-number query parameter, or null when absent; 400 when it is not a number. */
    static Integer parseInt(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field + " must be a whole number");
        }
    }
}
