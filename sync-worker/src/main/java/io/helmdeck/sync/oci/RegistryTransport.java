package io.helmdeck.sync.oci;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Reasons;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Sends one HTTP exchange to a registry and reads the body while hashing it, never holding more than the caller's
 * limit: a response that declares or streams more is cut off at once. Redirects (blob downloads often go to a CDN)
 * are followed here rather than by Vert.x, so that credentials are dropped when the redirect leaves the registry.
 */
@ApplicationScoped
public class RegistryTransport {

    static final int MAX_REDIRECTS = 5;
    /** Error bodies are only read for their message; more than this is not worth keeping. */
    static final int MAX_ERROR_BODY = 16 * 1024;

    private final RegistryHttpClients clients;
    private final RegistryMetrics metrics;

    public RegistryTransport(RegistryHttpClients clients, RegistryMetrics metrics) {
        this.clients = clients;
        this.metrics = metrics;
    }

    /** What to send, and how much of the answer to accept. */
    record Exchange(HttpMethod method, String url, Map<String, String> headers, long maxBody) {
    }

    /** A complete answer: status, headers and the (bounded) body with its SHA-256. */
    record Response(int status, MultiMap headers, byte[] body, String sha256Hex, String url) {
        String header(String name) {
            return headers.get(name);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Uni<Response> send(RegistryTarget target, Exchange exchange, Deadline deadline) {
        if (deadline.expired()) {
            return Uni.createFrom().failure(timeout(target, exchange, deadline));
        }
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        HttpClient client = clients.forCaBundle(target.caCertificate());
        return Uni.createFrom().<Response>emitter(emitter -> {
            emitter.onTermination(() -> {
                // Cancelled by the deadline: close the connection instead of reading a body nobody waits for.
                HttpClientRequest request = inFlight.getAndSet(null);
                if (request != null) {
                    request.reset();
                }
            });
            attempt(client, target, exchange, exchange.url(), new LinkedHashMap<>(exchange.headers()), 0, deadline,
                    inFlight, emitter);
        })
                .ifNoItem().after(deadline.remaining())
                .failWith(() -> timeout(target, exchange, deadline));
    }

    private void attempt(HttpClient client, RegistryTarget target, Exchange exchange, String url,
            Map<String, String> headers, int redirects, Deadline deadline, AtomicReference<HttpClientRequest> inFlight,
            UniEmitter<? super Response> emitter) {
        RequestOptions options = new RequestOptions()
                .setMethod(exchange.method())
                .setAbsoluteURI(url)
                .setFollowRedirects(false)
                .setIdleTimeout(Math.max(1, deadline.remaining().toMillis()));
        headers.forEach(options::putHeader);
        // Counted by the host actually asked (registry, token endpoint or blob CDN), so each shows its own load.
        String registry = hostOf(url);
        String method = exchange.method().name();
        Handler<Throwable> failed = failure -> {
            inFlight.set(null);
            metrics.request(method, "error", registry);
            emitter.fail(transportFailure(failure, target, exchange, url));
        };
        // The response's listener is registered on send()'s own future, inside the request callback, so Vert.x
        // calls it on the connection's context before it handles the body. Chained through compose() instead, the
        // listener could be dispatched to another event loop and run after a short body had already ended
        // ("Response already ended"), leaving the call to hang until its deadline.
        client.request(options).onFailure(failed).onSuccess(request -> {
            inFlight.set(request);
            request.send().onFailure(failed)
                .onSuccess(response -> {
                    metrics.request(method, Integer.toString(response.statusCode()), registry);
                    String location = response.getHeader("Location");
                    if (isRedirect(response.statusCode()) && location != null) {
                        if (redirects >= MAX_REDIRECTS) {
                            response.request().reset();
                            emitter.fail(new RegistryException(Reasons.UNREACHABLE, "more than " + MAX_REDIRECTS
                                    + " redirects for " + method + " " + pathOf(exchange.url()) + " on registry "
                                    + registry, response.statusCode()));
                            return;
                        }
                        String next = URI.create(url).resolve(location).toString();
                        Map<String, String> nextHeaders = new LinkedHashMap<>(headers);
                        if (!sameOrigin(url, next)) {
                            // Never hand the registry's credentials to the storage backend it redirects to.
                            nextHeaders.remove("Authorization");
                        }
                        response.handler(ignored -> {
                        });
                        response.endHandler(v -> attempt(client, target, exchange, next, nextHeaders, redirects + 1,
                                deadline, inFlight, emitter));
                        response.exceptionHandler(failure -> emitter.fail(
                                transportFailure(failure, target, exchange, url)));
                        return;
                    }
                    readBody(response, target, exchange, url, inFlight, emitter);
                });
        });
    }

    private void readBody(HttpClientResponse response, RegistryTarget target, Exchange exchange, String url,
            AtomicReference<HttpClientRequest> inFlight, UniEmitter<? super Response> emitter) {
        boolean success = response.statusCode() >= 200 && response.statusCode() < 300;
        long limit = success ? exchange.maxBody() : MAX_ERROR_BODY;
        String declared = response.getHeader("Content-Length");
        if (success && exchange.method() != HttpMethod.HEAD && declared != null && parseLong(declared) > limit) {
            abort(response, inFlight);
            emitter.fail(tooLarge(target, exchange, "declares " + declared + " bytes", limit));
            return;
        }
        MessageDigest sha256 = sha256();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long[] received = {0};
        boolean[] done = {false};
        response.handler(buffer -> {
            if (done[0]) {
                return;
            }
            received[0] += buffer.length();
            if (received[0] > limit) {
                done[0] = true;
                abort(response, inFlight);
                if (success) {
                    emitter.fail(tooLarge(target, exchange, "sent more than " + limit + " bytes", limit));
                } else {
                    emitter.complete(new Response(response.statusCode(), response.headers(), body.toByteArray(),
                            null, url));
                }
                return;
            }
            byte[] bytes = buffer.getBytes();
            sha256.update(bytes);
            body.write(bytes, 0, bytes.length);
        });
        response.exceptionHandler(failure -> {
            if (!done[0]) {
                done[0] = true;
                emitter.fail(transportFailure(failure, target, exchange, url));
            }
        });
        response.endHandler(v -> {
            if (!done[0]) {
                done[0] = true;
                inFlight.set(null);
                emitter.complete(new Response(response.statusCode(), response.headers(), body.toByteArray(),
                        HexFormat.of().formatHex(sha256.digest()), url));
            }
        });
    }

    private static void abort(HttpClientResponse response, AtomicReference<HttpClientRequest> inFlight) {
        inFlight.set(null);
        // The reset surfaces as an exception on the response; it is the intended outcome, not an error to log.
        response.exceptionHandler(ignored -> {
        });
        response.request().reset();
    }

    private static RegistryException tooLarge(RegistryTarget target, Exchange exchange, String what, long limit) {
        return new RegistryException(Reasons.TOO_LARGE, exchange.method().name() + " " + pathOf(exchange.url())
                + " on registry " + target.registry() + " " + what + ", more than the limit of " + limit + " bytes");
    }

    private static RegistryException timeout(RegistryTarget target, Exchange exchange, Deadline deadline) {
        return new RegistryException(Reasons.TIMEOUT, exchange.method().name() + " " + pathOf(exchange.url())
                + " on registry " + target.registry() + " did not finish within the timeout of " + deadline.total());
    }

    static RegistryException transportFailure(Throwable failure, RegistryTarget target, Exchange exchange,
            String url) {
        String what = exchange.method().name() + " " + pathOf(url) + " on " + hostOf(url);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RegistryException registryException) {
                return registryException;
            }
            if (t instanceof SSLException) {
                return new RegistryException(Reasons.TLS_ERROR, what + ": TLS handshake failed: " + t.getMessage(),
                        failure);
            }
            if (t instanceof UnknownHostException) {
                return new RegistryException(Reasons.UNREACHABLE, what + ": cannot resolve host " + hostOf(url),
                        failure);
            }
            if (t instanceof TimeoutException) {
                return new RegistryException(Reasons.TIMEOUT, what + ": no answer in time", failure);
            }
            if (t instanceof ConnectException || t instanceof ClosedChannelException) {
                return new RegistryException(Reasons.UNREACHABLE, what + ": cannot connect: " + t.getMessage(),
                        failure);
            }
        }
        return new RegistryException(Reasons.UNREACHABLE, what + ": " + failure.getMessage(), failure);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(String a, String b) {
        URI x = URI.create(a);
        URI y = URI.create(b);
        return Objects.equals(x.getScheme(), y.getScheme()) && Objects.equals(x.getHost(), y.getHost())
                && x.getPort() == y.getPort();
    }

    /** The path without query: queries of redirect targets may carry signed credentials. */
    static String pathOf(String url) {
        return URI.create(url).getRawPath();
    }

    static String hostOf(String url) {
        URI uri = URI.create(url);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
