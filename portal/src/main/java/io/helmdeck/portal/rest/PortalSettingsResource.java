package io.helmdeck.portal.rest;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What the browser app needs to know before sign-in: whether an OpenID Connect provider is configured. */
@Path("/portal/v1/settings")
public class PortalSettingsResource {

    private final boolean oidc;

    public PortalSettingsResource(@ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean oidc) {
        this.oidc = oidc;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> settings() {
        return Map.of("oidc", oidc, "loginPath", "/portal/v1/login");
    }
}
