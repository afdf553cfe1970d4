package io.helmdeck.repo.rest;

import java.net.URI;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Google-style custom methods ({@code …/oci-repositories:test}) are routed on a literal colon; clients that
 * percent-encode it ({@code %3A}, equivalent by RFC 3986) reach the same method.
 */
public class CustomMethodPathFilter {

    @ServerRequestFilter(preMatching = true, priority = 2)
    public void decodeColon(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String raw = uri.getRawPath();
        if (raw != null && (raw.contains("%3A") || raw.contains("%3a"))) {
            String path = raw.replace("%3A", ":").replace("%3a", ":");
            // setRequestUri treats the path as still encoded and decodes it again: with any other escape left in
            // it, a %25 would turn into a bare % and fail that second decoding (a 500). No valid tenant or name
            // holds an escape, so such a URL is left alone and simply matches nothing.
            if (path.indexOf('%') >= 0) {
                return;
            }
            String query = uri.getRawQuery();
            request.setRequestUri(URI.create(path + (query == null ? "" : "?" + query)));
        }
    }
}
