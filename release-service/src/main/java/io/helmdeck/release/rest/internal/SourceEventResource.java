package io.helmdeck.release.rest.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.helmdeck.model.release.SourceEvent;
import io.helmdeck.release.service.SourceEvents;
import io.smallrye.mutiny.Uni;
import io.helmdeck.support.security.AllowedServices;
import io.helmdeck.support.security.ServiceNames;

/** Internal: repo-service reports a new revision or a deletion of an OCI repository. Not in the OpenAPI document. */
@Path("/internal/v1/source-events")
@AllowedServices(ServiceNames.REPO_SERVICE)
public class SourceEventResource {

    private final SourceEvents events;

    public SourceEventResource(SourceEvents events) {
        this.events = events;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(SourceEvent event) {
        return events.accept(event).map(count -> Response.accepted().build());
    }
}
