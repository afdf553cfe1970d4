package io.helmdeck.repo.rest.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.helmdeck.model.sync.ClaimRequest;
import io.helmdeck.model.sync.ClaimResponse;
import io.helmdeck.model.sync.LeaseRenewal;
import io.helmdeck.model.sync.LeaseRenewed;
import io.helmdeck.model.sync.SyncExchange;
import io.helmdeck.model.sync.SyncExchanged;
import io.helmdeck.model.sync.SyncReport;
import io.helmdeck.model.ProblemException;
import io.helmdeck.repo.service.SyncLeaseService;
import io.smallrye.mutiny.Uni;
import io.helmdeck.support.security.AllowedServices;
import io.helmdeck.support.security.ServiceNames;

/** Internal API for sync workers: claim due repositories, renew leases, report results. Not in the public OpenAPI. */
@Path("/internal/v1/sync")
@AllowedServices(ServiceNames.SYNC_WORKER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SyncLeaseResource {

    private final SyncLeaseService service;

    public SyncLeaseResource(SyncLeaseService service) {
        this.service = service;
    }

    /** Reports finished syncs and claims more in one call (ADR 0025): what a worker calls in its loop. */
    @POST
    @Path("exchanges")
    public Uni<SyncExchanged> exchange(SyncExchange exchange) {
        return service.exchange(ProblemException.requireBody(exchange));
    }

    @POST
    @Path("claims")
    public Uni<ClaimResponse> claim(ClaimRequest request) {
        return service.claim(ProblemException.requireBody(request));
    }

    @POST
    @Path("leases/{repositoryId}/renew")
    public Uni<LeaseRenewed> renew(@PathParam("repositoryId") long repositoryId, LeaseRenewal renewal) {
        return service.renew(repositoryId, ProblemException.requireBody(renewal));
    }

    @POST
    @Path("leases/{repositoryId}/release")
    public Uni<RestResponse<Void>> release(@PathParam("repositoryId") long repositoryId, LeaseRenewal holder) {
        return service.release(repositoryId, ProblemException.requireBody(holder)).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("leases/{repositoryId}/report")
    public Uni<RestResponse<Void>> report(@PathParam("repositoryId") long repositoryId, SyncReport report) {
        return service.report(repositoryId, ProblemException.requireBody(report)).map(v -> RestResponse.noContent());
    }

}
