package io.helmdeck.release.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.helmdeck.model.ClusterPolicy;
import io.helmdeck.model.Problem;
import io.helmdeck.support.security.CurrentCaller;
import io.helmdeck.support.rest.PathParams;
import io.helmdeck.model.value.DnsLabel;
import io.helmdeck.release.service.ClusterPolicyService;
import io.helmdeck.support.service.Preconditions;
import io.smallrye.mutiny.Uni;

/** HTTP mapping of a tenant's cluster policy; all logic lives in {@link ClusterPolicyService}. */
@Path("/api/v1/tenants/{tenant}/cluster-policy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cluster policy", description = "Where a tenant's releases may deploy in the cluster, and as whom")
public class ClusterPolicyResource {

    private final ClusterPolicyService service;
    private final CurrentCaller caller;

    public ClusterPolicyResource(ClusterPolicyService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "getClusterPolicy", summary = "View a tenant's cluster policy", description = "The stored policy, or without one the "
            + "platform default (`\"default\": true`, version 0): the tenant's namespace only, no cluster-scoped "
            + "kinds, the platform's default service account. `ETag` is the version.")
    @APIResponse(responseCode = "200", description = "The policy in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterPolicy.class)))
    public Uni<RestResponse<ClusterPolicy>> get(
            @PathParam("tenant") @Parameter(description = "Tenant, a DNS-1123 label", example = "team-a") String tenant) {
        PathParams.check(tenant, null, DnsLabel.MAX_RELEASE_NAME);
        return service.get(tenant).map(ClusterPolicyResource::withEtag);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceClusterPolicy", summary = "Set a tenant's cluster policy", description = "Admins only. Full replace. A stale "
            + "`If-Match` gets 412 (`\"0\"` matches only while the default applies), a stale `version` in the body "
            + "409. Releases already deployed are checked against the new policy at their next reconcile.")
    @APIResponse(responseCode = "200", description = "The policy now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterPolicy.class)))
    @APIResponse(responseCode = "403", description = "The caller is not an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Stale `version` in the body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "`If-Match` does not match the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<ClusterPolicy>> replace(@PathParam("tenant") String tenant,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "ETag read earlier, e.g. \"3\"") String ifMatch,
            @RequestBody(required = true) ClusterPolicy policy) {
        PathParams.check(tenant, null, DnsLabel.MAX_RELEASE_NAME);
        return service.replace(tenant, policy, ifMatch, caller.get()).map(ClusterPolicyResource::withEtag);
    }

    private static RestResponse<ClusterPolicy> withEtag(ClusterPolicy policy) {
        return RestResponse.ResponseBuilder.ok(policy)
                .header(HttpHeaders.ETAG, Preconditions.etag(policy.version())).build();
    }
}
