package io.helmdeck.repo.rest.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.helmdeck.repo.service.ArtifactService;
import io.smallrye.mutiny.Uni;

/** Internal API for sync workers to add verified blobs to the artifact store. */
@Path("/internal/v1/artifacts/{digest}")
public class ArtifactUploadResource {

    private final ArtifactService artifacts;

    public ArtifactUploadResource(ArtifactService artifacts) {
        this.artifacts = artifacts;
    }

    @HEAD
    public Uni<RestResponse<Void>> exists(@PathParam("digest") String digest) {
        return artifacts.exists(digest).map(found -> found ? RestResponse.ok() : RestResponse.notFound());
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Uni<RestResponse<Void>> put(@PathParam("digest") String digest,
            @jakarta.ws.rs.HeaderParam(HttpHeaders.CONTENT_TYPE) String mediaType, byte[] content) {
        return artifacts.put(digest, mediaType, content)
                .map(created -> created ? RestResponse.status(RestResponse.Status.CREATED) : RestResponse.ok());
    }
}
