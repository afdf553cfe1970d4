package io.helmdeck.support.testing;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Gives every test request the credential a legitimate caller of that endpoint would send, unless it carries its
 * own {@code Authorization} or asks for none with {@link #ANONYMOUS}: an admin token on /api, and on /internal the
 * token of the service that calls that endpoint in a deployment (ADR 0013): release-service on source and artifact
 * reads, repo-service on source events and registry probes, sync-worker on leases and artifact uploads. So the whole
 * suite runs with security on, and only tests about security choose their credentials.
 */
public class DefaultCredentials implements OrderedFilter {

    /** A request with this header is sent without credentials (the header itself is harmless to the server). */
    public static final String ANONYMOUS = "X-Test-Anonymous";

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        if (!request.getHeaders().hasHeaderWithName(ANONYMOUS)
                && !request.getHeaders().hasHeaderWithName("Authorization")) {
            String token = tokenFor(request.getMethod(), request.getDerivedPath());
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
        }
        return context.next(request, response);
    }

    public static String tokenFor(String method, String path) {
        if (path.startsWith("/api/")) {
            return Tokens.admin();
        }
        if (path.startsWith("/internal/v1/sources/")
                || (path.startsWith("/internal/v1/artifacts/") && "GET".equals(method))) {
            return Tokens.releaseService();
        }
        if (path.startsWith("/internal/v1/source-events") || path.startsWith("/internal/v1/registry/")) {
            return Tokens.repoService();
        }
        if (path.startsWith("/internal/")) {
            return Tokens.syncWorker();
        }
        return null;
    }

    @Override
    public int getOrder() {
        // Before REST Assured's own filters, so logging or auth filters of a test see the final headers.
        return HIGHEST_PRECEDENCE;
    }
}
