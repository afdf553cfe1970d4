package io.helmdeck.portal.forward;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.helmdeck.portal.config.PortalConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.jboss.logging.Logger;

/**
 * Forwards the browser's {@code /api/v1/...} calls to repo-service or release-service with the caller's own bearer
 * token, so the browser talks to one origin and the services need no CORS (ADR 0018). The portal holds no token of
 * its own and decides nothing: every answer, error or not, is the service's.
 */
@ApplicationScoped
public class ApiForwarder {

    private static final Logger LOG = Logger.getLogger(ApiForwarder.class);
    /** Request headers a service needs; cookies and everything else the browser sends stay here. */
    static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept", "If-Match",
            "If-None-Match", "X-Request-Id");
    /** Response headers the browser app reads. */
    static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "ETag", "Location", "Retry-After",
            "X-Request-Id", "Cache-Control", "Content-Disposition");
    private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private final PortalConfig config;
    private final HttpClient client;

    public ApiForwarder(PortalConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(32));
    }

    void register(@Observes Router router) {
        // Quarkus hands requests over paused; the body handler reads the body (up to the limit, else 413).
        router.route("/api/*").order(-10).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Optional<String> target = ApiTarget.baseUrl(request.path(), config);
        if (target.isEmpty()) {
            problem(ctx.response(), 404, "Not Found", "No Helmdeck API answers " + request.path());
            return;
        }
        String uri = request.uri();
        Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        RequestOptions options = new RequestOptions().setMethod(request.method())
                .setAbsoluteURI(target.get() + uri).setTimeout(config.timeout().toMillis());
        for (String name : REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                options.putHeader(name, value);
            }
        }
        client.request(options)
                .compose(out -> out.send(body))
                .compose(answer -> answer.body().map(bytes -> relay(ctx.response(), answer, bytes)))
                .onFailure(e -> unreachable(ctx.response(), target.get(), e));
    }

    private static Void relay(HttpServerResponse response, HttpClientResponse answer, Buffer bytes) {
        if (response.ended()) {
            return null;
        }
        response.setStatusCode(answer.statusCode());
        for (String name : RESPONSE_HEADERS) {
            String value = answer.getHeader(name);
            if (value != null) {
                response.putHeader(name, value);
            }
        }
        response.end(bytes);
        return null;
    }

    private static void unreachable(HttpServerResponse response, String target, Throwable e) {
        // Only the service's host goes to the log: the request carried the user's token.
        LOG.warnf("forwarding to %s failed: %s", target, e.toString());
        boolean timeout = e instanceof java.util.concurrent.TimeoutException
                || String.valueOf(e.getMessage()).toLowerCase().contains("timeout");
        problem(response, timeout ? 504 : 502, timeout ? "Gateway Timeout" : "Bad Gateway",
                "The Helmdeck service behind this path did not answer");
    }

    static void problem(HttpServerResponse response, int status, String title, String detail) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                        .put("detail", detail).encode());
    }
}
