package io.helmdeck.portal.rest;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.helmdeck.portal.chart.ChartSource;
import io.helmdeck.portal.chart.ValuesChecker;

/**
 * The values editor's helpers: a chart's default values and whether it has a schema, and a check of typed values
 * against that schema. Reads go to repo-service with the caller's token; nothing is stored here.
 */
@Path("/portal/v1/tenants/{tenant}/charts/{source}")
public class ChartValuesResource {

    private final ChartSource charts;
    private final ValuesChecker checker;

    public ChartValuesResource(ChartSource charts, ValuesChecker checker) {
        this.charts = charts;
        this.checker = checker;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response chart(@PathParam("tenant") String tenant, @PathParam("source") String source,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        try {
            ChartSource.Chart chart = charts.current(tenant, source, authorization);
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("name", chart.name());
            body.put("version", chart.version());
            body.put("stored", chart.stored());
            body.put("values", chart.files().values());
            body.put("hasSchema", chart.files().schema().isPresent());
            return Response.ok(body).build();
        } catch (ChartSource.UpstreamException e) {
            return upstream(e);
        }
    }

    @POST
    @Path("values-check")
    @Consumes({"application/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response check(@PathParam("tenant") String tenant, @PathParam("source") String source,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String yaml) {
        try {
            ChartSource.Chart chart = charts.current(tenant, source, authorization);
            ValuesChecker.Checked checked = checker.check(yaml, chart.files());
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("stored", chart.stored());
            body.put("hasSchema", chart.files().schema().isPresent());
            body.put("violations", checked.violations());
            body.put("values", checked.values());
            return Response.ok(body).build();
        } catch (ChartSource.UpstreamException e) {
            return upstream(e);
        }
    }

    private static Response upstream(ChartSource.UpstreamException e) {
        return Response.status(e.status()).type("application/problem+json").entity(e.body()).build();
    }
}
