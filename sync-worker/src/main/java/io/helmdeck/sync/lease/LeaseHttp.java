package io.helmdeck.sync.lease;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.value.GoDuration;
import io.helmdeck.sync.config.LeaseApiConfig;
import io.helmdeck.sync.config.ServiceTokenConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * One HTTP exchange with repo-service's internal API on Vert.x core's {@link HttpClient}, the client the registry side
 * already uses. Not the Quarkus REST client: the contract's 404/409 answers are normal outcomes that callers branch on
 * rather than exceptions, the artifact upload is a raw byte body with its own content type, and hand-wired tests
 * need no Quarkus boot. A problem+json body becomes the message of a {@link RepoServiceException}. Every request
 * carries this worker's service token ({@code helmdeck.service-token}, ADR 0013).
 */
@ApplicationScoped
public class LeaseHttp {

    /** Problem documents and claim batches are small; a bigger answer is not from repo-service. */
    static final long MAX_RESPONSE = 16L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(LeaseHttp.class);

    private final HttpClient client;
    private final LeaseApiConfig config;
    private final ObjectMapper json;
    /** The whole {@code Authorization} header value, or empty when no token is configured. */
    private final Optional<String> authorization;

    public LeaseHttp(Vertx vertx, LeaseApiConfig config, ServiceTokenConfig token, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.authorization = token.serviceToken().map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> "Bearer " + t);
        if (authorization.isEmpty()) {
            LOG.warn("helmdeck.service-token (HELMDECK_SERVICE_TOKEN) is not set: repo-service will refuse this "
                    + "worker's claims, reports and uploads");
        }
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(32)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis())));
    }

    /** A status and body; 2xx and the statuses the contract names are answers, not failures. */
    public record Answer(int status, Buffer body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Sends {@code body} (may be null) to {@code path} under the configured base URL. */
    Uni<Answer> send(HttpMethod method, String path, Map<String, String> headers, Buffer body) {
        String url = config.url().replaceAll("/+$", "") + path;
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url)
                .setIdleTimeout(config.timeout().toMillis());
        headers.forEach(options::putHeader);
        authorization.ifPresent(value -> options.putHeader("Authorization", value));
        String what = method.name() + " " + URI.create(url).getRawPath();
        return Uni.createFrom().<Answer>emitter(emitter -> {
            Handler<Throwable> failed = failure -> emitter.fail(failure instanceof RepoServiceException e ? e
                    : new RepoServiceException(what + " on repo-service failed: " + failure.getMessage(), 0, failure));
            // Listeners go straight on send()'s future and body() is asked for inside it, on the connection's
            // context, before Vert.x handles the end of the response; through compose() they could run on another
            // event loop after a short body had ended, and the answer would be lost.
            client.request(options).onFailure(failed).onSuccess(request -> {
                Future<HttpClientResponse> sent = body == null ? request.send() : request.send(body);
                sent.onFailure(failed).onSuccess(response -> {
                    String length = response.getHeader("Content-Length");
                    if (length != null && parseLong(length) > MAX_RESPONSE) {
                        response.request().reset();
                        failed.handle(new RepoServiceException(what + " answered with " + length
                                + " bytes, more than " + MAX_RESPONSE, response.statusCode(), null));
                        return;
                    }
                    response.body().onFailure(failed)
                            .onSuccess(b -> emitter.complete(new Answer(response.statusCode(), b)));
                });
            });
        })
                .ifNoItem().after(config.timeout())
                .failWith(() -> new RepoServiceException(what + " on repo-service got no answer within "
                        + GoDuration.format(config.timeout()), 0, null));
    }

    Buffer toJson(Object value) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    <T> T fromJson(Answer answer, Class<T> type, String what) {
        try {
            return json.readValue(answer.body().getBytes(), type);
        } catch (IOException e) {
            throw new RepoServiceException(what + ": repo-service answered " + answer.status()
                    + " with a body that is not a " + type.getSimpleName(), answer.status(), e);
        }
    }

    /** The failure for an answer the contract does not expect, with the problem's detail when there is one. */
    RepoServiceException unexpected(Answer answer, String what) {
        String detail = "";
        try {
            if (answer.body() != null && answer.body().length() > 0) {
                JsonNode problem = json.readTree(answer.body().getBytes());
                String text = problem.path("detail").asText(problem.path("title").asText(""));
                detail = text.isEmpty() ? "" : ": " + text;
            }
        } catch (IOException e) {
            // Not problem+json (a proxy's HTML page, say): the status alone has to do.
        }
        return new RepoServiceException(what + ": repo-service answered " + answer.status() + detail,
                answer.status(), null);
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
