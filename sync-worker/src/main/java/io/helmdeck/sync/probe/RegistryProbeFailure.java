package io.helmdeck.sync.probe;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.Problem;
import io.helmdeck.sync.reconcile.SyncFailure;

/** A registry's refusal as a 502 problem whose detail carries the typed reason and message. */
final class RegistryProbeFailure {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryProbeFailure() {
    }

    static WebApplicationException of(Throwable failure, String url) {
        SyncFailure f = SyncFailure.of(failure, url);
        Problem problem = new Problem("urn:helmdeck:problem:registry-error", "Registry error", 502,
                f.reason() + ": " + f.message(), null);
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":502,\"title\":\"Registry error\"}";
        }
        return new WebApplicationException(Response.status(502).type(Problem.MEDIA_TYPE).entity(body).build());
    }
}
