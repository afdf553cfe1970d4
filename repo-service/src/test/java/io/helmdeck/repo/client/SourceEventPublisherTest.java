package io.helmdeck.repo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.helmdeck.model.release.SourceEvent;
import io.helmdeck.repo.config.ReleaseServiceConfig;
import io.helmdeck.support.config.OwnServiceToken;
import io.vertx.core.Vertx;

/** The publisher's retry and switch, without a running service. */
class SourceEventPublisherTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
        vertx.close();
    }

    private static final SourceEvent EVENT = new SourceEvent("team-a", "podinfo", SourceEvent.REVISION,
            "6.5.0@sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64));

    @Test
    void aFailingCallIsRetriedUpToTheConfiguredAttemptsThenGivesUp() {
        CountingApi api = new CountingApi(Integer.MAX_VALUE);
        SourceEventPublisher publisher = new SourceEventPublisher(api.api, config(true, 3));

        assertThatThrownBy(() -> publisher.send(EVENT).await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("release-service down");
        assertThat(api.calls).hasValue(3);
    }

    @Test
    void aCallThatRecoversIsDeliveredOnce() {
        CountingApi api = new CountingApi(1);
        SourceEventPublisher publisher = new SourceEventPublisher(api.api, config(true, 3));

        publisher.send(EVENT).await().atMost(Duration.ofSeconds(5));
        assertThat(api.calls).hasValue(2);
        assertThat(api.delivered).hasValue(1);
    }

    @Test
    void publishNeverThrowsEvenWhenEveryAttemptFails() throws InterruptedException {
        CountingApi api = new CountingApi(Integer.MAX_VALUE);
        new SourceEventPublisher(api.api, config(true, 2)).publish(EVENT);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (api.calls.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(api.calls).hasValue(2);
    }

    @Test
    void switchedOffNothingIsSent() throws InterruptedException {
        CountingApi api = new CountingApi(0);
        new SourceEventPublisher(api.api, config(false, 3)).publish(EVENT);

        Thread.sleep(100);
        assertThat(api.calls).hasValue(0);
    }

    /**
     * A stand-in release-service on a local port that refuses the first {@code failures} events (503 with a problem
     * saying it is down), then accepts (202); the publisher reaches it through the real client.
     */
    private final class CountingApi {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger delivered = new AtomicInteger();
        final ReleaseServiceApi api;

        CountingApi(int failures) {
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/internal/v1/source-events", exchange -> {
                exchange.getRequestBody().readAllBytes();
                boolean fail = calls.incrementAndGet() <= failures;
                byte[] body = fail ? "{\"status\":503,\"detail\":\"release-service down\"}".getBytes() : new byte[0];
                if (!fail) {
                    delivered.incrementAndGet();
                }
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(fail ? 503 : 202, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            servers.add(server);
            api = new ReleaseServiceApi(vertx, config(true, 1, "http://127.0.0.1:" + server.getAddress().getPort()),
                    new OwnServiceToken(Optional.of("repo-service-test-token-0123456789")), new ObjectMapper());
        }
    }

    private static ReleaseServiceConfig config(boolean enabled, int attempts) {
        return config(enabled, attempts, "http://unused");
    }

    private static ReleaseServiceConfig config(boolean enabled, int attempts, String url) {
        ReleaseServiceConfig.Events events = new ReleaseServiceConfig.Events() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int attempts() {
                return attempts;
            }

            @Override
            public Duration backoff() {
                return Duration.ofMillis(10);
            }
        };
        return new ReleaseServiceConfig() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Events events() {
                return events;
            }
        };
    }
}
