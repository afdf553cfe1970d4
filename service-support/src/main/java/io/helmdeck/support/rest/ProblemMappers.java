package io.helmdeck.support.rest;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.helmdeck.model.Problem;
import io.helmdeck.model.Violation;
import io.helmdeck.support.service.JsonErrors;
import io.helmdeck.model.ProblemException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Turns every failure into RFC 9457 problem details; nothing else answers an error. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final String TYPE_PREFIX = "urn:helmdeck:problem:";
    static final String BEARER_CHALLENGE = "Bearer realm=\"helmdeck\"";

    private final ObjectMapper json;

    public ProblemMappers(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, HttpHeaders headers) {
        Response response = respond(e.status(), e.type(), e.title(), e.getMessage(), uri, e.violations());
        return e.status() == 401 ? challenge(response, headers) : response;
    }

    /** A token was sent but is not valid: bad signature, issuer, audience, expiry or format. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        // The failure's message can quote the token's claims: it is neither logged nor returned.
        return problem(ProblemException.unauthorized(headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null
                ? "a bearer token is required"
                : "the bearer token is not valid (signature, issuer, audience or expiry)"), uri, headers);
    }

    /** No credential where one is needed (Quarkus' own checks, e.g. the HTTP permission on /api). */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return authenticationFailed(null, uri, headers);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return problem(ProblemException.forbidden("this operation needs a role the token does not have"), uri,
                headers);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(400, "malformed-body", "Malformed request body", JsonErrors.describe(e), uri, List.of());
    }

    /** Declared for the exact type: Quarkus ships a mapper for it that would answer plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        // Already a problem (sync-worker's registry diagnosis, 502): its detail is the point, keep it.
        if (e.getResponse().hasEntity() && e.getResponse().getMediaType() != null
                && Problem.MEDIA_TYPE.equals(e.getResponse().getMediaType().toString())) {
            return e.getResponse();
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no such resource: " + path(uri);
            case 405 -> "method not allowed on " + path(uri);
            case 406 -> "this API answers application/json";
            case 415 -> "unsupported content type: send application/json (application/merge-patch+json for PATCH)";
            default -> title;
        };
        return respond(status, slug(title), title, detail, uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String id = UUID.randomUUID().toString();
        // The failure is logged by type and id only: messages of driver or JSON errors can quote input.
        LOG.errorf("unexpected failure %s on %s: %s", id, path(uri), e.getClass().getName());
        LOG.debugf(e, "stack of failure %s", id);
        return respond(500, "internal", "Internal error", "unexpected failure, logged as " + id, uri, List.of());
    }

    private Response respond(int status, String type, String title, String detail, UriInfo uri,
            List<Violation> violations) {
        Problem problem = new Problem(TYPE_PREFIX + type, title, status, detail, path(uri), violations);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"title\":\"Internal error\",\"status\":500}";
        }
        // Written as a string so the problem media type needs no writer of its own.
        return Response.status(status).type(Problem.MEDIA_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(body).build();
    }

    /** RFC 6750: the scheme and realm, and {@code invalid_token} when a token was sent and refused. */
    private static Response challenge(Response response, HttpHeaders headers) {
        String challenge = headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null
                ? BEARER_CHALLENGE
                : BEARER_CHALLENGE + ", error=\"invalid_token\"";
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }

    /** The decoded request path; the raw one when it does not decode (a bad escape must not turn a 4xx into a 500). */
    private static String path(UriInfo uri) {
        try {
            return uri.getPath();
        } catch (IllegalArgumentException e) {
            return uri.getRequestUri().getRawPath();
        }
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
