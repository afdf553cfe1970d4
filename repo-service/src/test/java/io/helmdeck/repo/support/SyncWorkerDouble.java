package io.helmdeck.repo.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.helmdeck.support.testing.Contracts;

/**
 * Test double of sync-worker's probe API, so repo-service's side of /tags and :test can be checked alone: it
 * records what repo-service sent and answers by the repository path, with the registry-probe contract's fixtures
 * (the real worker's answers are checked against the same fixtures in sync-worker).
 */
public class SyncWorkerDouble implements QuarkusTestResourceLifecycleManager {

    /** The last body repo-service sent. */
    public static final AtomicReference<String> LAST_REQUEST = new AtomicReference<>();
    /** The {@code Authorization} header of that request. */
    public static final AtomicReference<String> LAST_AUTHORIZATION = new AtomicReference<>();
    private static HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/v1/registry/tags", exchange -> answer(exchange, true));
        server.createContext("/internal/v1/registry/test", exchange -> answer(exchange, false));
        server.start();
        return Map.of("helmdeck.sync-worker.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, boolean tags) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        LAST_REQUEST.set(body);
        LAST_AUTHORIZATION.set(exchange.getRequestHeaders().getFirst("Authorization"));
        int status = 200;
        String json;
        if (body.contains("/denied")) {
            status = tags ? 502 : 200;
            json = tags ? "{\"type\":\"urn:helmdeck:problem:registry\",\"title\":\"Registry error\",\"status\":502,"
                    + "\"detail\":\"AuthenticationFailed: 401 Unauthorized from registry.example.com\"}"
                    : Contracts.fixture("registry-probes/test-failed.json");
        } else if (body.contains("/crash")) {
            status = 500;
            json = "{}";
        } else {
            json = tags ? Contracts.fixture("registry-probes/tags.json")
                    : Contracts.fixture("registry-probes/test-succeeded.json");
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                status == 502 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
