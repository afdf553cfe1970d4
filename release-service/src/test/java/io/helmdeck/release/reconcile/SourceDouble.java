package io.helmdeck.release.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;
import io.helmdeck.support.testing.SecurityResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in repo-service for reconciler tests: serves OCI repositories with a Ready artifact and the chart bytes
 * by digest, as repo-service's internal API does, to release-service's service token only. Tests publish charts into it; it runs the reconcile loop against it.
 */
public class SourceDouble implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, byte[]> ANSWERS = new ConcurrentHashMap<>();
    private HttpServer server;

    /** Makes {@code tenant/name} a Ready repository whose artifact is {@code chart} at {@code version}. */
    public static String publish(String tenant, String name, String version, byte[] chart) {
        String digest = "sha256:" + sha256(chart);
        String json = """
                {"tenant":"%s","name":"%s","url":"oci://registry.example.com/charts/%s","interval":"05:00",
                 "insecure":false,"suspend":false,"version":0,
                 "status":{"phase":"Ready","conditions":[],"consecutiveFailures":0,
                   "artifact":{"revision":"%s@%s","digest":"%s","size":%d}}}"""
                .formatted(tenant, name, name, version, digest, digest, chart.length);
        ANSWERS.put("/internal/v1/sources/" + tenant + "/" + name, json.getBytes(StandardCharsets.UTF_8));
        ANSWERS.put("/internal/v1/artifacts/" + digest, chart);
        return version + "@" + digest;
    }

    /** The repository is gone (404), as after a DELETE in repo-service. */
    public static void remove(String tenant, String name) {
        ANSWERS.remove("/internal/v1/sources/" + tenant + "/" + name);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = ANSWERS.get(exchange.getRequestURI().getPath());
            boolean json = exchange.getRequestURI().getPath().startsWith("/internal/v1/sources/");
            boolean authorized = ("Bearer " + SecurityResource.RELEASE_SERVICE_TOKEN)
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!authorized) {
                // As repo-service's internal API: only release-service's service token may read sources.
                body = "{\"status\":401,\"title\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(401, body.length);
            } else if (body == null) {
                body = "{\"status\":404,\"title\":\"Not found\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(404, body.length);
            } else {
                exchange.getResponseHeaders().add("Content-Type", json ? "application/json"
                        : "application/octet-stream");
                exchange.sendResponseHeaders(200, body.length);
            }
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return Map.of(
                "helmdeck.repo-service.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "helmdeck.reconcile.enabled", "true",
                "helmdeck.reconcile.retry-delay", "1s",
                "helmdeck.kube.apply-strategy", "client-side");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
