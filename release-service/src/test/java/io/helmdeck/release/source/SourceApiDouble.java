package io.helmdeck.release.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.helmdeck.support.config.OwnServiceToken;
import io.vertx.core.Vertx;

/** A stand-in repo-service on a free local port: answers fixed responses by path and records every request. */
final class SourceApiDouble implements AutoCloseable {

    /** One canned answer. */
    record Answer(int status, String contentType, byte[] body) {
    }

    /** The service token release-service sends; the double refuses every request without it (401). */
    static final String TOKEN_VALUE = "release-service-test-token-0123456789";
    static final OwnServiceToken TOKEN = new OwnServiceToken(Optional.of(TOKEN_VALUE));

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** The Vert.x of the clients made by {@link #client}, closed with the double. */
    private final Vertx vertx = Vertx.vertx();

    SourceApiDouble() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            boolean authorized = ("Bearer " + TOKEN_VALUE).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            Answer answer = !authorized ? new Answer(401, "application/problem+json",
                    "{\"status\":401,\"detail\":\"a service token is required\"}".getBytes()) : answers.getOrDefault(path, new Answer(404, "application/problem+json",
                    "{\"status\":404,\"detail\":\"nothing here\"}".getBytes()));
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
            exchange.close();
        });
        server.start();
    }

    void answer(String path, int status, String contentType, byte[] body) {
        answers.put(path, new Answer(status, contentType, body));
    }

    void answerJson(String path, int status, String json) {
        answer(path, status, status >= 400 ? "application/problem+json" : "application/json", json.getBytes());
    }

    /** Every request so far, as {@code METHOD raw-path}. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** release-service's connection to this double, with its token, as the application builds it. */
    SourceHttp client() {
        return client(url());
    }

    /** The same connection to any URL (a closed port, say). */
    SourceHttp client(String url) {
        return new SourceHttp(vertx, config(url), TOKEN);
    }

    static SourceApiConfig config(String url) {
        return new SourceApiConfig() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        };
    }

    static ChartCacheConfig charts(String dir, long maxBytes) {
        return new ChartCacheConfig() {
            @Override
            public Optional<String> cacheDir() {
                return Optional.of(dir);
            }

            @Override
            public long maxBytes() {
                return maxBytes;
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
        vertx.close();
    }
}
