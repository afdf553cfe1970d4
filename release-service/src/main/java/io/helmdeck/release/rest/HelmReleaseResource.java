package io.helmdeck.release.rest;

import java.net.URI;
import java.util.List;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.helmdeck.model.HelmRelease;
import io.helmdeck.model.HelmReleaseList;
import io.helmdeck.model.HelmReleaseRequest;
import io.helmdeck.model.Problem;
import io.helmdeck.model.ReleaseDiff;
import io.helmdeck.model.ReleaseHistory;
import io.helmdeck.model.RollbackRequest;
import io.helmdeck.model.value.DnsLabel;
import io.helmdeck.release.service.ReleaseDiffs;
import io.helmdeck.release.service.HelmReleaseService;
import io.helmdeck.release.service.ReconcileRequests;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.helmdeck.support.rest.PathParams;
import io.helmdeck.support.service.Preconditions;

/** HTTP mapping of Helm releases; all logic lives in {@link HelmReleaseService}. */
@Path(HelmReleaseResource.COLLECTION)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Helm releases", description = "Charts from OCI repositories, deployed and kept up to date in the cluster")
public class HelmReleaseResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String YAML = "application/yaml";
    static final String COLLECTION = "/api/v1/tenants/{tenant}/helm-releases";
    static final String ITEM = "{name}";

    private final HelmReleaseService service;
    private final ReleaseDiffs diffs;
    private final ReconcileRequests loop;
    private final ObjectMapper json;

    public HelmReleaseResource(HelmReleaseService service, ReleaseDiffs diffs, ReconcileRequests loop,
            ObjectMapper json) {
        this.service = service;
        this.diffs = diffs;
        this.loop = loop;
        this.json = json;
    }

    @GET
    @Operation(operationId = "listHelmReleases",
            summary = "List Helm releases", description = "Ordered by name; follow `nextCursor` for more.")
    public Uni<HelmReleaseList> list(
            @PathParam("tenant") @Parameter(description = "Tenant, a DNS-1123 label", example = "team-a") String tenant,
            @QueryParam("limit") @Parameter(description = "Page size, 1-500", schema = @Schema(type = SchemaType.INTEGER,
                    defaultValue = "50", minimum = "1", maximum = "500")) String limit,
            @QueryParam("cursor") @Parameter(description = "`nextCursor` of the previous page") String cursor,
            @QueryParam("phase") @Parameter(description = "Only releases in this phase", schema = @Schema(
                    enumeration = {"Pending", "Deployed", "Failed", "SourceNotReady", "SourceNotFound",
                            "ClusterUnavailable", "Suspended", "Uninstalling"})) String phase,
            @QueryParam("q") @Parameter(description = "Only names starting with this prefix") String q) {
        PathParams.check(tenant, null, DnsLabel.MAX_RELEASE_NAME);
        return service.list(tenant, cursor, PathParams.parseInt("limit", limit), phase, q);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createHelmRelease",
            summary = "Create a Helm release", description = "Absent fields take their defaults; the status starts "
            + "as Pending and the first reconcile is due at once. `targetNamespace` defaults to the tenant's namespace.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HelmRelease.class)))
    @APIResponse(responseCode = "409", description = "The name is taken in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<HelmRelease>> create(@PathParam("tenant") String tenant,
            @RequestBody(required = true) HelmReleaseRequest request, UriInfo uri) {
        PathParams.check(tenant, null, DnsLabel.MAX_RELEASE_NAME);
        return service.create(tenant, request).invoke(loop::wake).map(created -> RestResponse.ResponseBuilder
                .<HelmRelease>created(URI.create(uri.getAbsolutePath() + "/" + created.name()))
                .entity(created)
                .header(HttpHeaders.ETAG, Preconditions.etag(created.version()))
                .build());
    }

    @GET
    @Path(ITEM)
    @Operation(operationId = "getHelmRelease",
            summary = "View a Helm release", description = "Spec with defaults and status. `ETag` is the version.")
    public Uni<RestResponse<HelmRelease>> get(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        PathParams.check(tenant, name, DnsLabel.MAX_RELEASE_NAME);
        return service.get(tenant, name).map(HelmReleaseResource::withEtag);
    }

    @PUT
    @Path(ITEM)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceHelmRelease",
            summary = "Replace a Helm release", description = "Full replace: absent fields go back to their "
            + "defaults, except `releaseName` and `targetNamespace`, which are immutable and kept. A stale `If-Match` "
            + "gets 412, a stale `version` in the body 409. A changed spec is reconciled at once.")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HelmRelease.class)))
    @APIResponse(responseCode = "409", description = "Stale `version` in the body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "`If-Match` does not match the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<HelmRelease>> replace(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "ETag read earlier, e.g. \"3\"") String ifMatch,
            @RequestBody(required = true) HelmReleaseRequest request) {
        PathParams.check(tenant, name, DnsLabel.MAX_RELEASE_NAME);
        return service.replace(tenant, name, request, ifMatch).invoke(loop::wake).map(HelmReleaseResource::withEtag);
    }

    @PATCH
    @Path(ITEM)
    @Consumes(MERGE_PATCH)
    @Operation(operationId = "patchHelmRelease",
            summary = "Merge-patch a Helm release", description = "JSON merge patch (RFC 7396); `null` removes a "
            + "field, which then takes its default. `values` are merged key by key.")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HelmRelease.class)))
    @APIResponse(responseCode = "409", description = "Stale `version` in the patch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "`If-Match` does not match the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<HelmRelease>> patch(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true, content = @Content(mediaType = MERGE_PATCH,
                    schema = @Schema(type = SchemaType.OBJECT, example = "{\"values\": {\"replicaCount\": 2}}")))
            JsonNode patch) {
        PathParams.check(tenant, name, DnsLabel.MAX_RELEASE_NAME);
        return service.patch(tenant, name, patch, ifMatch).invoke(loop::wake).map(HelmReleaseResource::withEtag);
    }

    @DELETE
    @Path(ITEM)
    @Operation(operationId = "deleteHelmRelease",
            summary = "Delete a Helm release", description = "Uninstalls the release: 202 while its objects are "
            + "being deleted from the cluster, after which the record goes. 204 when the record is deleted at once: "
            + "the release is suspended (its objects stay in the cluster, as with Flux) or nothing was ever applied.")
    @APIResponse(responseCode = "202", description = "Uninstall under way",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HelmRelease.class)))
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<RestResponse<HelmRelease>> delete(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        PathParams.check(tenant, name, DnsLabel.MAX_RELEASE_NAME);
        return service.delete(tenant, name).invoke(loop::wake).map(pending -> pending
                .map(release -> RestResponse.ResponseBuilder.<HelmRelease>accepted().entity(release).build())
                .orElseGet(RestResponse::noContent));
    }

    @POST
    @Path(ITEM + "/reconcile")
    @Operation(operationId = "reconcileHelmRelease",
            summary = "Reconcile now", description = "Marks the release due now, like Flux's reconcile "
            + "annotation. A suspended release gets 409.")
    @APIResponse(responseCode = "202", description = "Reconcile requested",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HelmRelease.class)))
    @APIResponse(responseCode = "409", description = "The release is suspended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<HelmRelease>> reconcile(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        PathParams.check(tenant, name, DnsLabel.MAX_RELEASE_NAME);
        return service.requestReconcile(tenant, name).invoke(loop::wake).map(HelmReleaseResource::accepted);
    }

    @POST
    @Path(ITEM + "/rollback")
    // No @Consumes: a bare POST without body or content type (curl -X POST) must work too.
    @Operation(operationId = "rollbackHelmRelease",
            summary = "Roll back", description = "Rolls back to `revision`, or without one to the previous "
            + "successful revision; the reconciler does it within seconds. 422 when the revision is not kept, is the "
            + "current one, or there is no previous successful revision; 409 when suspended or being uninstalled.")
    @APIResponse(responseCode = "202", description = "Rollback requested",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HelmRelease.class)))
    @APIResponse(responseCode = "409", description = "The release is suspended or being uninstalled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<HelmRelease>> rollback(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RollbackRequest.class))) String body)
            throws JsonProcessingException {
        PathParams.check(tenant, name, DnsLabel.MAX_RELEASE_NAME);
        RollbackRequest request = OptionalJsonBody.read(json, body, contentType, RollbackRequest.class);
        return service.rollback(tenant, name, request).invoke(loop::wake).map(HelmReleaseResource::accepted);
    }

    @GET
    @Path(ITEM + "/history")
    @Operation(operationId = "getHelmReleaseHistory",
            summary = "Revision history", description = "The kept revisions (at most `maxHistory`), newest first.")
    public Uni<ReleaseHistory> history(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        PathParams.check(tenant, name, DnsLabel.MAX_RELEASE_NAME);
        return service.history(tenant, name);
    }

    @GET
    @Path(ITEM + "/manifest")
    // The same YAML text as text/plain too: generated clients (openapi-generator's Java ones among them) read a
    // String answer as a JSON value unless it is text/plain, and send the document's types in its order
    // (text/plain first). A client naming no type, or YAML before text/plain, gets YAML.
    @Produces({YAML, MediaType.TEXT_PLAIN})
    @Operation(operationId = "getHelmReleaseManifest",
            summary = "Rendered manifest of a revision", description = "YAML documents as rendered. Without "
            + "`revision`, the current revision; 404 when that revision is not kept or nothing is deployed. "
            + "The same text is served as `text/plain` to a client that asks for it.")
    @APIResponse(responseCode = "200", description = "The manifest", content = {
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = YAML, schema = @Schema(type = SchemaType.STRING))})
    public Uni<RestResponse<String>> manifest(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @QueryParam("revision") @Parameter(description = "Helm revision number; default the current one",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String revision,
            @Context HttpHeaders headers) {
        PathParams.check(tenant, name, DnsLabel.MAX_RELEASE_NAME);
        MediaType type = manifestType(headers.getAcceptableMediaTypes());
        return service.manifest(tenant, name, PathParams.parseInt("revision", revision))
                .map(text -> RestResponse.ResponseBuilder.ok(text, type).build());
    }

    /**
     * YAML unless the client ranks {@code text/plain} above it: by quality, then (the JAX-RS list keeps equal
     * qualities in the client's order) by position. The framework's own choice would break the tie by the order
     * of {@code @Produces}, which always picks YAML.
     */
    private static MediaType manifestType(List<MediaType> acceptable) {
        MediaType yaml = MediaType.valueOf(YAML);
        for (MediaType t : acceptable) {
            if (!t.isWildcardType() && !t.isWildcardSubtype() && t.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
                return MediaType.TEXT_PLAIN_TYPE;
            }
            if (t.isCompatible(yaml)) {
                return yaml;
            }
        }
        return yaml;
    }

    @GET
    @Path(ITEM + "/values")
    @Operation(operationId = "getHelmReleaseValues",
            summary = "Values of a revision", description = "The values the revision was rendered with. Without "
            + "`revision`, the current revision; 404 when that revision is not kept or nothing is deployed.")
    @APIResponse(responseCode = "200", description = "The values", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<JsonNode> values(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @QueryParam("revision") @Parameter(description = "Helm revision number; default the current one",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String revision) {
        PathParams.check(tenant, name, DnsLabel.MAX_RELEASE_NAME);
        return service.values(tenant, name, PathParams.parseInt("revision", revision));
    }

    @GET
    @Path(ITEM + "/diff")
    @Blocking
    @Operation(operationId = "getHelmReleaseDiff",
            summary = "What the next upgrade would change", description = "Renders the source's current "
            + "artifact with the release's current values and compares it, object by object, with the deployed "
            + "revision: objects added, changed and removed. 409 when the source has no artifact or the chart does "
            + "not render.")
    @APIResponse(responseCode = "200", description = "Objects added, changed and removed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReleaseDiff.class)))
    @APIResponse(responseCode = "409", description = "Nothing to compare with, or the chart does not render",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReleaseDiff diff(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        PathParams.check(tenant, name, DnsLabel.MAX_RELEASE_NAME);
        return diffs.diff(tenant, name);
    }

    private static RestResponse<HelmRelease> withEtag(HelmRelease release) {
        return RestResponse.ResponseBuilder.ok(release)
                .header(HttpHeaders.ETAG, Preconditions.etag(release.version())).build();
    }

    private static RestResponse<HelmRelease> accepted(HelmRelease release) {
        return RestResponse.ResponseBuilder.<HelmRelease>accepted().entity(release)
                .header(HttpHeaders.ETAG, Preconditions.etag(release.version())).build();
    }
}
