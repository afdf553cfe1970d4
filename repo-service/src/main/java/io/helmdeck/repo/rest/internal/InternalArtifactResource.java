package io.helmdeck.repo.rest.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.helmdeck.repo.rest.ArtifactResponses;
import io.helmdeck.repo.service.ArtifactService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.helmdeck.support.security.AllowedServices;
import io.helmdeck.support.security.ServiceNames;

/** Internal artifact API: sync workers add verified blobs, release-service reads them to deploy. */
@Path("/internal/v1/artifacts/{digest}")
public class InternalArtifactResource {

    private final ArtifactService artifacts;

    public InternalArtifactResource(ArtifactService artifacts) {
        this.artifacts = artifacts;
    }

    @HEAD
    @AllowedServices(ServiceNames.SYNC_WORKER)
    public Uni<RestResponse<Void>> exists(@PathParam("digest") String digest) {
        return artifacts.exists(digest).map(found -> found ? RestResponse.ok() : RestResponse.notFound());
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @AllowedServices(ServiceNames.SYNC_WORKER)
    public Uni<RestResponse<Void>> put(@PathParam("digest") String digest,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String mediaType, byte[] content) {
        return artifacts.put(digest, mediaType, content)
                .map(created -> created ? RestResponse.status(RestResponse.Status.CREATED) : RestResponse.ok());
    }

    /** The same bytes as the public GET; release-service names digests of its own tenant's sources. */
    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @AllowedServices(ServiceNames.RELEASE_SERVICE)
    public Uni<RestResponse<Buffer>> get(@PathParam("digest") String digest,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return artifacts.get(digest).map(artifact -> ArtifactResponses.of(artifact, ifNoneMatch));
    }
}
