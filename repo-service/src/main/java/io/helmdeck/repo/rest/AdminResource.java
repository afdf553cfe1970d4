package io.helmdeck.repo.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.helmdeck.model.Problem;
import io.helmdeck.repo.service.CredentialRotation;
import io.helmdeck.repo.service.CredentialRotationService;
import io.smallrye.mutiny.Uni;
import io.helmdeck.support.security.Caller;

/** Operations on the whole service, for the {@code admin} role only. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "Operations on the whole service (role `admin`)")
public class AdminResource {

    private final CredentialRotationService rotation;

    public AdminResource(CredentialRotationService rotation) {
        this.rotation = rotation;
    }

    @POST
    @Path("credentials:rotate")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Re-encrypt credentials under the current key", description = "After the new key is "
            + "configured as `helmdeck.crypto.key` (with its id) and the old one under "
            + "`helmdeck.crypto.previous-keys`: re-encrypts every stored registry credential not under the current "
            + "key. Safe to run again; once it reports no failures the old key can be removed.")
    @APIResponse(responseCode = "200", description = "How many were re-encrypted, and how many could not be read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CredentialRotation.class)))
    @APIResponse(responseCode = "403", description = "The token has no `admin` role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CredentialRotation> rotateCredentials() {
        return rotation.rotate();
    }
}
