package io.helmdeck.release.security;

import jakarta.ws.rs.container.ResourceInfo;

/**
 * Which part of the API a matched resource belongs to, by its package: decided on the resource JAX-RS matched,
 * never on the raw path, so no spelling of a URL (dots, double slashes, encodings) can change the answer.
 */
final class ApiSurface {

    static final String PUBLIC_PACKAGE = "io.helmdeck.release.rest";
    static final String INTERNAL_PACKAGE = "io.helmdeck.release.rest.internal";

    private ApiSurface() {
    }

    /** A public endpoint: needs a user token. */
    static boolean isPublic(ResourceInfo resource) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        return type != null && type.getPackageName().equals(PUBLIC_PACKAGE);
    }

    /** An internal endpoint: needs a service token. */
    static boolean isInternal(ResourceInfo resource) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        return type != null && type.getPackageName().equals(INTERNAL_PACKAGE);
    }
}
