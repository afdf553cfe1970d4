package io.helmdeck.portal.rest;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;

/**
 * OpenID Connect sign-in (only when an issuer is configured): {@code /portal/v1/login} runs the authorization code
 * flow and sends the browser back to the app, which then takes the session's access token from
 * {@code /portal/v1/session} and uses it as a bearer token on the APIs, exactly like a pasted token.
 */
@Path("/portal/v1")
@Authenticated
public class OidcSessionResource {

    @Inject
    AccessTokenCredential accessToken;

    @GET
    @Path("login")
    public Response login() {
        return Response.seeOther(URI.create("/#signed-in")).build();
    }

    @GET
    @Path("session")
    @Produces(MediaType.APPLICATION_JSON)
    public Response session() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(Map.of("accessToken", accessToken.getToken())).cacheControl(noStore).build();
    }
}
