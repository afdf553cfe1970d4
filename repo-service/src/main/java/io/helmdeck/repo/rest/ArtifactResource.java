package io.helmdeck.repo.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.helmdeck.repo.service.ArtifactService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.helmdeck.support.security.CurrentCaller;

/**
 * Verified chart blobs by digest: what release-service deploys. Immutable, so cacheable for ever. Answered as a
 * Vert.x buffer so no JSON writer ever touches the bytes.
 */
@Path("/api/v1/artifacts/{digest}")
@Tag(name = "Artifacts", description = "Chart blobs stored by syncs, addressed by digest")
public class ArtifactResource {

    private final ArtifactService artifacts;
    private final CurrentCaller caller;

    public ArtifactResource(ArtifactService artifacts, CurrentCaller caller) {
        this.artifacts = artifacts;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download an artifact", description = "The bytes of a stored chart layer; `ETag` is the "
            + "digest. The digest is the `status.artifact.digest` of an OCI repository in one of the caller's "
            + "tenants (an admin may read any); any other digest is 404.")
    @APIResponse(responseCode = "200", description = "The blob, with its layer media type",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM))
    @APIResponse(responseCode = "304", description = "`If-None-Match` names this digest")
    public Uni<RestResponse<Buffer>> get(@PathParam("digest") String digest,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return artifacts.get(digest, caller.get()).map(artifact -> ArtifactResponses.of(artifact, ifNoneMatch));
    }
}
