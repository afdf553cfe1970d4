package io.helmdeck.repo.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.helmdeck.model.RepositoryTestResult;
import io.helmdeck.model.TagList;
import io.helmdeck.model.sync.SyncTask;
import io.smallrye.mutiny.Uni;

/** sync-worker's internal probe API: the only component that talks to registries. */
@RegisterRestClient(configKey = "sync-worker")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/v1/registry")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface SyncWorkerApi {

    @POST
    @Path("tags")
    Uni<TagList> tags(SyncTask task);

    @POST
    @Path("test")
    Uni<RepositoryTestResult> test(SyncTask task);
}
