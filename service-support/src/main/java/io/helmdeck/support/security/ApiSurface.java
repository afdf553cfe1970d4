package io.helmdeck.support.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ResourceInfo;

import io.helmdeck.support.config.ServiceProfile;

/**
 * Which part of the API a matched resource belongs to, by its package: decided on the resource JAX-RS matched,
 * never on the raw path, so no spelling of a URL (dots, double slashes, encodings) can change the answer.
 */
@ApplicationScoped
public class ApiSurface {

    private final String publicPackage;
    private final String internalPackage;

    public ApiSurface(ServiceProfile profile) {
        this.publicPackage = profile.userApi() ? profile.publicPackage().orElse(null) : null;
        this.internalPackage = profile.internalPackage();
    }

    /** A public endpoint: needs a user token. */
    public boolean isPublic(ResourceInfo resource) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        return type != null && publicPackage != null && type.getPackageName().equals(publicPackage);
    }

    /** An internal endpoint: needs a service token. */
    public boolean isInternal(ResourceInfo resource) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        return type != null && type.getPackageName().equals(internalPackage);
    }
}
