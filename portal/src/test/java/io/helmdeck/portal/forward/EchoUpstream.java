package io.helmdeck.portal.forward;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for repo-service that answers every request with what it received (method, path and query, headers,
 * body) as JSON, an ETag and a Location; release-service's URL points at a closed port.
 */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder json = new StringBuilder("{\"method\":\"").append(exchange.getRequestMethod())
                    .append("\",\"uri\":\"").append(exchange.getRequestURI()).append("\",\"body\":\"")
                    .append(body.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",\"headers\":{");
            headers.forEach((k, v) -> json.append('"').append(k).append("\":\"").append(v.replace("\"", "\\\""))
                    .append("\","));
            json.setLength(json.length() - 1);
            json.append("}}");
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("ETag", "\"7\"");
            exchange.getResponseHeaders().add("Set-Cookie", "upstream=1");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("helmdeck.repo-service.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "helmdeck.release-service.url", "http://127.0.0.1:1");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
