package io.helmdeck.repo.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.helmdeck.model.release.SourceEvent;
import io.smallrye.mutiny.Uni;

/** release-service's internal API for source changes (answers 202). */
@RegisterRestClient(configKey = "release-service")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/v1/source-events")
public interface ReleaseServiceApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> sourceChanged(SourceEvent event);
}
