package io.helmdeck.repo.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.helmdeck.model.release.SourceEvent;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.helmdeck.support.testing.Contracts;

/**
 * Test double of release-service's source-event endpoint: records every delivery attempt and answers 202, or 503
 * while {@link #DOWN} is set, or 400 to a body that breaks the source-event contract. The receiving side is tested
 * against the same contract in release-service.
 */
public class ReleaseServiceDouble implements QuarkusTestResourceLifecycleManager {

    /** While true every request gets 503, as from a release-service that is down. */
    public static final AtomicBoolean DOWN = new AtomicBoolean();
    private static final ConcurrentLinkedQueue<Delivery> DELIVERIES = new ConcurrentLinkedQueue<>();
    /** Bodies that broke the source-event contract (answered 400); a test may assert there were none. */
    public static final ConcurrentLinkedQueue<String> CONTRACT_BREACHES = new ConcurrentLinkedQueue<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer server;

    /** One request the double received, its {@code Authorization} header, and whether it accepted it. */
    public record Delivery(SourceEvent event, String contentType, String authorization, boolean accepted) {
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/v1/source-events", ReleaseServiceDouble::answer);
        server.start();
        return Map.of("helmdeck.release-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        // The body must be one release-service accepts: the source-event contract it is tested against too.
        String breach = Contracts.difference(new String(body, StandardCharsets.UTF_8), "source-events/revision.json");
        if (breach != null) {
            CONTRACT_BREACHES.add(breach);
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        boolean accept = !DOWN.get() && "POST".equals(exchange.getRequestMethod());
        SourceEvent event = JSON.readValue(body, SourceEvent.class);
        DELIVERIES.add(new Delivery(event, exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"), accept));
        exchange.sendResponseHeaders(accept ? 202 : 503, -1);
        exchange.close();
    }

    /** Every attempt seen so far for the tenant, oldest first. */
    public static List<Delivery> deliveries(String tenant) {
        return DELIVERIES.stream().filter(d -> tenant.equals(d.event().tenant())).toList();
    }

    /** Waits up to five seconds until some attempt for the tenant matches; returns all of the tenant's attempts. */
    public static List<Delivery> awaitDelivery(String tenant, Predicate<Delivery> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (deliveries(tenant).stream().anyMatch(wanted)) {
                return deliveries(tenant);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("release-service never got the expected event for tenant " + tenant + "; it got "
                + deliveries(tenant));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
