package io.helmdeck.repo.rest.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.helmdeck.model.OciRepository;
import io.helmdeck.model.value.DnsLabel;
import io.helmdeck.repo.service.OciRepositoryService;
import io.smallrye.mutiny.Uni;
import io.helmdeck.support.rest.PathParams;
import io.helmdeck.support.security.AllowedServices;
import io.helmdeck.support.security.ServiceNames;

/**
 * Internal read of one source for release-service: the same OciRepository JSON as the public GET (credentials
 * are never part of it). release-service always names the release's own tenant.
 */
@Path("/internal/v1/sources/{tenant}/{name}")
@Produces(MediaType.APPLICATION_JSON)
public class InternalSourceResource {

    private final OciRepositoryService service;

    public InternalSourceResource(OciRepositoryService service) {
        this.service = service;
    }

    @GET
    @AllowedServices(ServiceNames.RELEASE_SERVICE)
    public Uni<OciRepository> get(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        PathParams.check(tenant, name, DnsLabel.MAX_REPOSITORY_NAME);
        return service.get(tenant, name);
    }
}
