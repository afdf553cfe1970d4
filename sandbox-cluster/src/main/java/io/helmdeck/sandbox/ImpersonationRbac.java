package io.helmdeck.sandbox;

import java.util.Optional;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Decides requests that carry {@code Impersonate-User}, the way Helmdeck acts for a tenant: allowed inside the
 * service account's namespace and wherever {@link AccessGrants} say, otherwise 403 with a {@code Forbidden} Status
 * worded as kube-apiserver words it. Requests without the header are the cluster admin's and always pass; so are
 * discovery and {@code /version}, which every authenticated user may read.
 */
final class ImpersonationRbac {

    static final String IMPERSONATE_USER = "Impersonate-User";

    private final AccessGrants grants;

    ImpersonationRbac(AccessGrants grants) {
        this.grants = grants;
    }

    /** The 403 answer, or empty when the request may go ahead. */
    Optional<MockResponse> check(RecordedRequest request, ApiPath path) {
        String user = request.getHeader(IMPERSONATE_USER);
        if (user == null || user.isBlank() || !path.api() || path.discovery()) {
            return Optional.empty();
        }
        if (grants.allows(user, path)) {
            return Optional.empty();
        }
        return Optional.of(StatusResponses.forbidden(path, user, verb(request.getMethod(), path)));
    }

    /** Kubernetes' request verb, as RBAC rules and the Forbidden message name it. */
    static String verb(String method, ApiPath path) {
        return switch (method) {
            case "GET", "HEAD" -> path.watch() ? "watch" : path.name() == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> path.name() == null ? "deletecollection" : "delete";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
