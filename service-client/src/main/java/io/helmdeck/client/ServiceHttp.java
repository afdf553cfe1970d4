package io.helmdeck.client;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.client.ServiceCallException.Reason;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Calls one other Helmdeck service's internal API on Vert.x core's {@link HttpClient} (ADR 0021): adds the base URL,
 * the caller's service token, the per-call deadline and a readable message for problem+json answers. The status comes
 * back as a value ({@link ServiceAnswer}); a call fails only when there is no usable answer at all. Event-loop callers
 * use the {@link Uni}; blocking callers (worker threads) use {@link #await}. One instance per called service, kept for
 * the life of the caller: it owns a pool of keep-alive connections.
 */
public class ServiceHttp implements AutoCloseable {

    /** Problem documents, records and claim batches are small; a bigger answer is refused unless the call allows it. */
    public static final long DEFAULT_MAX_ANSWER_BYTES = 16L * 1024 * 1024;

    /** How much of a non-JSON error body goes into a message. */
    private static final int MAX_DETAIL = 300;

    private final ServiceEndpoint endpoint;
    private final HttpClient client;
    private final ObjectMapper json;
    private final String authorization;

    /**
     * @param json the caller's mapper; answers are read leniently with a copy of it (a neighbouring version of the other
     *             service may add fields), requests are written with it as it is
     */
    public ServiceHttp(Vertx vertx, ServiceEndpoint endpoint, ObjectMapper json) {
        this.endpoint = endpoint;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.authorization = endpoint.token().map(t -> "Bearer " + t).orElse(null);
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(32)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, endpoint.deadline().toMillis())));
    }

    public ServiceEndpoint endpoint() {
        return endpoint;
    }

    /** Whether calls carry a token; a caller without one is refused by the other service (401). */
    public boolean hasToken() {
        return authorization != null;
    }

    /** A path of percent-encoded segments, e.g. {@code path("internal", "v1", "sources", tenant, name)}. */
    public static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }

    /** {@code GET path} asking for {@code accept}. */
    public Uni<ServiceAnswer> get(String path, String accept) {
        return send(HttpMethod.GET, path, Map.of("Accept", accept), null, DEFAULT_MAX_ANSWER_BYTES);
    }

    /** {@code POST path} with {@code value} as JSON. */
    public Uni<ServiceAnswer> postJson(String path, Object value) {
        return send(HttpMethod.POST, path, Map.of("Content-Type", "application/json", "Accept", "application/json"),
                toJson(value), DEFAULT_MAX_ANSWER_BYTES);
    }

    /** Any call with the default answer limit; {@code body} may be null (a raw body carries its own Content-Type). */
    public Uni<ServiceAnswer> send(HttpMethod method, String path, Map<String, String> headers, Buffer body) {
        return send(method, path, headers, body, DEFAULT_MAX_ANSWER_BYTES);
    }

    /**
     * Any call; an answer longer than {@code maxAnswerBytes} fails with {@link Reason#TOO_LARGE} as soon as it is
     * declared or, without a Content-Length, as soon as that many bytes have arrived, so it is never held whole.
     */
    public Uni<ServiceAnswer> send(HttpMethod method, String path, Map<String, String> headers, Buffer body,
            long maxAnswerBytes) {
        String what = method.name() + " " + path;
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(endpoint.baseUrl() + path)
                .setIdleTimeout(endpoint.deadline().toMillis());
        headers.forEach(options::putHeader);
        if (authorization != null) {
            options.putHeader("Authorization", authorization);
        }
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        return Uni.createFrom().<ServiceAnswer>emitter(emitter -> {
            Handler<Throwable> failed = failure -> emitter.fail(failure instanceof ServiceCallException e ? e
                    // Vert.x's own idle timeout (set to the deadline) may fire a moment before ours.
                    : failure instanceof java.util.concurrent.TimeoutException ? timedOut(what)
                    : new ServiceCallException(Reason.NO_ANSWER, 0, what + " on " + endpoint.service() + " at "
                            + endpoint.baseUrl() + " failed: " + message(failure), failure));
            // Listeners go straight on each future and the body handlers are set inside it, on the connection's
            // context, before Vert.x reads further: through compose() they could run on another event loop after a
            // short body had ended, and the answer would be lost.
            client.request(options).onFailure(failure -> emitter.fail(new ServiceCallException(Reason.NO_ANSWER, 0,
                    endpoint.service() + " is unreachable at " + endpoint.baseUrl() + ": " + message(failure), failure)))
                    .onSuccess(request -> {
                        inFlight.set(request);
                        (body == null ? request.send() : request.send(body)).onFailure(failed).onSuccess(response -> {
                            int status = response.statusCode();
                            long declared = parseLong(response.getHeader("Content-Length"));
                            // Failed before the reset: the reset's own failure would otherwise be reported first.
                            if (declared > maxAnswerBytes) {
                                failed.handle(tooLarge(what, status, declared + " bytes", maxAnswerBytes));
                                request.reset();
                                return;
                            }
                            Buffer collected = Buffer.buffer();
                            response.exceptionHandler(failed);
                            response.handler(chunk -> {
                                // Counted as it arrives: a missing or false Content-Length cannot make us hold more.
                                if (collected.length() + (long) chunk.length() > maxAnswerBytes) {
                                    failed.handle(tooLarge(what, status, "more than " + maxAnswerBytes + " bytes",
                                            maxAnswerBytes));
                                    request.reset();
                                } else {
                                    collected.appendBuffer(chunk);
                                }
                            });
                            response.endHandler(done -> emitter.complete(
                                    new ServiceAnswer(status, response.headers(), collected)));
                        });
                    });
        })
                .ifNoItem().after(endpoint.deadline())
                .failWith(() -> timedOut(what))
                // A call given up on (deadline, cancelled subscriber) must not keep its connection busy.
                .onFailure().invoke(() -> reset(inFlight.get()))
                .onCancellation().invoke(() -> reset(inFlight.get()));
    }

    /**
     * Waits for a call on a worker thread, never longer than the deadline (plus a moment for the call's own deadline
     * failure to arrive first). Never call it on the event loop.
     */
    public ServiceAnswer await(Uni<ServiceAnswer> call) {
        try {
            return call.await().atMost(endpoint.deadline().plusSeconds(1));
        } catch (CompletionException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new ServiceCallException(Reason.NO_ANSWER, 0, "interrupted while waiting for "
                        + endpoint.service(), e.getCause());
            }
            throw e;
        } catch (io.smallrye.mutiny.TimeoutException e) {
            throw new ServiceCallException(Reason.TIMEOUT, 0, endpoint.service() + " did not answer within "
                    + format(endpoint.deadline()), e);
        }
    }

    /** Serialises a request body with the caller's mapper. */
    public Buffer toJson(Object value) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads an answer's JSON body; a body that is not a {@code type} is {@link Reason#UNREADABLE}. */
    public <T> T readJson(ServiceAnswer answer, Class<T> type) {
        try {
            T value = json.readValue(answer.bytes(), type);
            if (value == null) {
                throw new IOException("the body is empty");
            }
            return value;
        } catch (IOException e) {
            throw new ServiceCallException(Reason.UNREADABLE, answer.status(), endpoint.service() + " answered "
                    + answer.status() + " with a body that is not a " + type.getSimpleName() + ": "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                            : e.getMessage()), e);
        }
    }

    /**
     * {@code "<service> answered <status>: <detail>"}: the problem's detail (or title) when the body is problem+json,
     * else the start of the body, else the status alone.
     */
    public String describe(ServiceAnswer answer) {
        String text = answer.text();
        String detail = null;
        try {
            JsonNode problem = json.readTree(text);
            if (problem != null && problem.isObject()) {
                detail = problem.path("detail").asText(problem.path("title").asText(""));
            }
        } catch (IOException e) {
            // Not JSON (a proxy's HTML page, say): the raw text has to do.
        }
        if (detail == null) {
            detail = text.strip();
        }
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "…";
        }
        return endpoint.service() + " answered " + answer.status() + (detail.isEmpty() ? "" : ": " + detail);
    }

    /** The failure for an answer the caller's contract does not expect, worded by {@link #describe}. */
    public ServiceCallException unexpected(ServiceAnswer answer, String what) {
        return new ServiceCallException(Reason.UNEXPECTED_STATUS, answer.status(),
                (what == null || what.isEmpty() ? "" : what + ": ") + describe(answer), null);
    }

    @Override
    public void close() {
        client.close();
    }

    private ServiceCallException tooLarge(String what, int status, String size, long max) {
        return new ServiceCallException(Reason.TOO_LARGE, status, endpoint.service() + " answered " + what + " with "
                + size + ", more than the " + max + " this call accepts", null);
    }

    private ServiceCallException timedOut(String what) {
        return new ServiceCallException(Reason.TIMEOUT, 0, endpoint.service() + " did not answer " + what + " within "
                + format(endpoint.deadline()), null);
    }

    private static void reset(HttpClientRequest request) {
        if (request != null) {
            request.reset();
        }
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static long parseLong(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code 30s}, {@code 1500ms}: the way Helmdeck's settings are written. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
