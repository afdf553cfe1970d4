package io.helmdeck.repo.rest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.helmdeck.model.OciRepository;
import io.helmdeck.model.OciRepositoryList;
import io.helmdeck.model.OciRepositoryRequest;
import io.helmdeck.model.Problem;
import io.helmdeck.model.RepositoryTestResult;
import io.helmdeck.model.SyncHistory;
import io.helmdeck.model.TagList;
import io.helmdeck.model.value.DnsLabel;
import io.helmdeck.repo.service.OciRepositoryService;
import io.helmdeck.repo.service.RegistryProbeService;
import io.smallrye.mutiny.Uni;
import io.helmdeck.support.rest.PathParams;
import io.helmdeck.support.service.Preconditions;

/** HTTP mapping of OCI repositories; all logic lives in {@link OciRepositoryService}. */
@Path("/api/v1/tenants/{tenant}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "OCI repositories", description = "Helm charts in OCI registries, kept in sync on an interval")
public class OciRepositoryResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    /** Paths hang off the tenant so that {@code oci-repositories:test} and {@code oci-repositories/{name}} are
     *  siblings the router can tell apart. */
    static final String COLLECTION = "oci-repositories";
    static final String ITEM = COLLECTION + "/{name}";

    private final OciRepositoryService service;
    private final RegistryProbeService probes;

    public OciRepositoryResource(OciRepositoryService service, RegistryProbeService probes) {
        this.service = service;
        this.probes = probes;
    }

    @GET
    @Path(COLLECTION)
    @Operation(operationId = "listOciRepositories",
            summary = "List OCI repositories", description = "Ordered by name; follow `nextCursor` for more.")
    public Uni<OciRepositoryList> list(
            @PathParam("tenant") @Parameter(description = "Tenant, a DNS-1123 label", example = "team-a") String tenant,
            @QueryParam("limit") @Parameter(description = "Page size, 1-500", schema = @Schema(type = SchemaType.INTEGER,
                    defaultValue = "50", minimum = "1", maximum = "500")) String limit,
            @QueryParam("cursor") @Parameter(description = "`nextCursor` of the previous page") String cursor,
            @QueryParam("status") @Parameter(description = "Only repositories in this phase", schema = @Schema(
                    enumeration = {"Pending", "Ready", "Failed", "Suspended"})) String status,
            @QueryParam("q") @Parameter(description = "Only names starting with this prefix") String q) {
        PathParams.check(tenant, null, DnsLabel.MAX_REPOSITORY_NAME);
        return service.list(tenant, cursor, PathParams.parseInt("limit", limit), status, q);
    }

    @POST
    @Path(COLLECTION)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOciRepository",
            summary = "Create an OCI repository", description = "Absent fields take their defaults; the status "
            + "starts as Pending and the first sync is due at once.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OciRepository.class)))
    @APIResponse(responseCode = "409", description = "The name is taken in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<OciRepository>> create(@PathParam("tenant") String tenant,
            @RequestBody(required = true) OciRepositoryRequest request, UriInfo uri) {
        PathParams.check(tenant, null, DnsLabel.MAX_REPOSITORY_NAME);
        return service.create(tenant, request).map(created -> RestResponse.ResponseBuilder
                .<OciRepository>created(URI.create(uri.getAbsolutePath() + "/" + created.name()))
                .entity(created)
                .header(HttpHeaders.ETAG, Preconditions.etag(created.version()))
                .build());
    }

    @GET
    @Path(ITEM)
    @Operation(operationId = "getOciRepository",
            summary = "View an OCI repository", description = "Spec with defaults, status and chart metadata. "
            + "`ETag` is the version.")
    public Uni<RestResponse<OciRepository>> get(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        PathParams.check(tenant, name, DnsLabel.MAX_REPOSITORY_NAME);
        return service.get(tenant, name).map(OciRepositoryResource::withEtag);
    }

    @PUT
    @Path(ITEM)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceOciRepository",
            summary = "Replace an OCI repository", description = "Full replace: absent fields go back to their "
            + "defaults, except secrets, which are kept when the auth type is unchanged. A stale `If-Match` gets 412, "
            + "a stale `version` in the body 409.")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OciRepository.class)))
    @APIResponse(responseCode = "409", description = "Stale `version` in the body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "`If-Match` does not match the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<OciRepository>> replace(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "ETag read earlier, e.g. \"3\"") String ifMatch,
            @RequestBody(required = true) OciRepositoryRequest request) {
        PathParams.check(tenant, name, DnsLabel.MAX_REPOSITORY_NAME);
        return service.replace(tenant, name, request, ifMatch).map(OciRepositoryResource::withEtag);
    }

    @PATCH
    @Path(ITEM)
    @Consumes(MERGE_PATCH)
    @Operation(operationId = "patchOciRepository",
            summary = "Merge-patch an OCI repository", description = "JSON merge patch (RFC 7396); `null` "
            + "removes a field, which then takes its default.")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OciRepository.class)))
    @APIResponse(responseCode = "409", description = "Stale `version` in the patch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "`If-Match` does not match the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<OciRepository>> patch(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true, content = @Content(mediaType = MERGE_PATCH,
                    schema = @Schema(type = SchemaType.OBJECT, example = "{\"interval\": \"10:00\"}"))) JsonNode patch) {
        PathParams.check(tenant, name, DnsLabel.MAX_REPOSITORY_NAME);
        return service.patch(tenant, name, patch, ifMatch).map(OciRepositoryResource::withEtag);
    }

    @DELETE
    @Path(ITEM)
    @Operation(operationId = "deleteOciRepository",
            summary = "Delete an OCI repository", description = "Releases deployed from it stay installed and "
            + "report that their source is gone.")
    @APIResponse(responseCode = "204", description = "Deleted")
    // Success has no body, so a client that accepts only problem details (what a generated client sends when every
    // documented body is a problem) must get its 204, not a 406.
    @Produces({ MediaType.APPLICATION_JSON, "application/problem+json" })
    public Uni<RestResponse<Void>> delete(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        PathParams.check(tenant, name, DnsLabel.MAX_REPOSITORY_NAME);
        return service.delete(tenant, name).map(v -> RestResponse.noContent());
    }

    @POST
    @Path(ITEM + "/sync")
    @Operation(operationId = "syncOciRepository",
            summary = "Request a sync now", description = "Marks the repository due now, like Flux's reconcile "
            + "annotation; a sync worker picks it up within seconds.")
    @APIResponse(responseCode = "202", description = "Sync requested",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OciRepository.class)))
    public Uni<RestResponse<OciRepository>> sync(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        PathParams.check(tenant, name, DnsLabel.MAX_REPOSITORY_NAME);
        return service.requestSync(tenant, name).map(repository -> RestResponse.ResponseBuilder
                .<OciRepository>accepted().entity(repository).build());
    }

    @GET
    @Path(ITEM + "/history")
    @Operation(operationId = "getOciRepositorySyncHistory",
            summary = "Sync history", description = "The most recent sync attempts that changed the revision, "
            + "failed, or recovered, newest first. Unchanged syncs only move the schedule and are not recorded.")
    public Uni<SyncHistory> history(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @QueryParam("limit") @Parameter(description = "How many attempts, 1-50", schema = @Schema(
                    type = SchemaType.INTEGER, defaultValue = "20", minimum = "1", maximum = "50")) String limit) {
        PathParams.check(tenant, name, DnsLabel.MAX_REPOSITORY_NAME);
        return service.history(tenant, name, PathParams.parseInt("limit", limit));
    }

    @GET
    @Path(ITEM + "/tags")
    @Operation(operationId = "listOciRepositoryTags",
            summary = "Tags in the registry", description = "Asks the registry (through a sync worker, with the "
            + "repository's credentials). Semver tags newest first, `_` shown as `+`, then other tags.")
    @APIResponse(responseCode = "200", description = "The tags",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TagList.class)))
    @APIResponse(responseCode = "502", description = "The registry refused or failed; `detail` says how",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No sync worker answered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TagList> tags(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        PathParams.check(tenant, name, DnsLabel.MAX_REPOSITORY_NAME);
        return probes.tags(tenant, name);
    }

    @POST
    @Path(COLLECTION + ":test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "testOciRepository",
            summary = "Test a configuration without saving it", description = "Resolves the reference and "
            + "fetches the chart as a sync would, and answers what it found or the precise reason it failed "
            + "(TLS, 401/403, 404, 429, unreachable, media type). `name` is optional. Nothing is stored.")
    @APIResponse(responseCode = "200", description = "The outcome (also when the registry said no: see `ok`)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RepositoryTestResult.class)))
    @APIResponse(responseCode = "503", description = "No sync worker answered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RepositoryTestResult> test(@PathParam("tenant") String tenant,
            @RequestBody(required = true) OciRepositoryRequest request) {
        PathParams.check(tenant, null, DnsLabel.MAX_REPOSITORY_NAME);
        return probes.test(tenant, request);
    }

    private static RestResponse<OciRepository> withEtag(OciRepository repository) {
        return RestResponse.ResponseBuilder.ok(repository)
                .header(HttpHeaders.ETAG, Preconditions.etag(repository.version())).build();
    }
}
