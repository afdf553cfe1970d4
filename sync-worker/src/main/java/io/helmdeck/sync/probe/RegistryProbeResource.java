package io.helmdeck.sync.probe;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.helmdeck.model.RepositoryTestResult;
import io.helmdeck.model.TagList;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.support.security.AllowedServices;
import io.helmdeck.support.security.ServiceNames;
import io.smallrye.mutiny.Uni;

/**
 * Internal API for repo-service: look at a registry on a user's behalf ({@code GET …/tags}, {@code POST …:test}).
 * The worker is the only component that talks to registries, so these answers come from here. Only repo-service may
 * call it, with its service token (ADR 0013), checked by service-support's {@code ServiceAccessFilter} (ADR 0015).
 */
@AllowedServices(ServiceNames.REPO_SERVICE)
@Path("/internal/v1/registry")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RegistryProbeResource {

    private final RegistryProbe probe;

    public RegistryProbeResource(RegistryProbe probe) {
        this.probe = probe;
    }

    @POST
    @Path("tags")
    public Uni<TagList> tags(SyncTask task) {
        return probe.tags(task);
    }

    @POST
    @Path("test")
    public Uni<RepositoryTestResult> test(SyncTask task) {
        return probe.test(task);
    }
}
