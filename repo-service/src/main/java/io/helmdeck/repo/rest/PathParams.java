package io.helmdeck.repo.rest;

import java.util.ArrayList;
import java.util.List;

import io.helmdeck.model.Violation;
import io.helmdeck.model.value.DnsLabel;
import io.helmdeck.model.ProblemException;

/** Checks of path and query parameters, so a malformed URL gets a clear 400 before any database access. */
public final class PathParams {

    private PathParams() {
    }

    public static void check(String tenant, String name) {
        List<Violation> violations = new ArrayList<>();
        DnsLabel.check(tenant, DnsLabel.MAX_TENANT).ifPresent(m -> violations.add(new Violation("path.tenant", m)));
        if (name != null) {
            DnsLabel.check(name, DnsLabel.MAX_REPOSITORY_NAME)
                    .ifPresent(m -> violations.add(new Violation("path.name", m)));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidPath(violations);
        }
    }

    static Integer parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(limit);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit must be a whole number");
        }
    }
}
