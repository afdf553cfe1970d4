package io.helmdeck.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.helmdeck.client.ServiceCallException.Reason;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/** What every service-to-service call gets from the wrapper, against a plain local HTTP server. */
class ServiceHttpTest {

    private static final String TOKEN = "caller-test-token-0123456789";

    /** One request as the server saw it. */
    record Seen(String method, String path, String authorization, String contentType, String body) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private final HttpServer server;

    ServiceHttpTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/slow")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            if (path.equals("/big")) {
                exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to go by
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 64; i++) {
                        out.write(new byte[1024]);
                    }
                } catch (IOException e) {
                    // the client hung up, as it should
                }
                return;
            }
            byte[] answer = path.equals("/ok") ? "{\"name\":\"podinfo\",\"added\":\"later\"}".getBytes()
                    : "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no such thing\"}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", path.equals("/ok") ? "application/json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(path.equals("/ok") ? 200 : 404, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        never.countDown();
        server.stop(0);
        vertx.close();
    }

    record Named(String name) {
    }

    private ServiceHttp http(String url, Duration deadline) {
        return new ServiceHttp(vertx, new ServiceEndpoint("repo-service", url + "/", deadline, Optional.of(TOKEN)),
                new ObjectMapper());
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void everyCallCarriesTheTokenAndAnswersAreReadLeniently() {
        ServiceHttp http = http(url(), Duration.ofSeconds(5));

        ServiceAnswer answer = http.await(http.get("/ok", "application/json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(http.readJson(answer, Named.class)).isEqualTo(new Named("podinfo"));
        assertThat(seen).containsExactly(new Seen("GET", "/ok", "Bearer " + TOKEN, null, ""));
    }

    @Test
    void anErrorStatusIsAValueAndItsProblemDetailBecomesTheMessage() {
        ServiceHttp http = http(url(), Duration.ofSeconds(5));

        ServiceAnswer answer = http.await(http.get(ServiceHttp.path("internal", "a b", "c/d"), "application/json"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(http.describe(answer)).isEqualTo("repo-service answered 404: no such thing");
        assertThat(http.unexpected(answer, "reading c/d").getMessage())
                .isEqualTo("reading c/d: repo-service answered 404: no such thing");
        assertThat(seen.get(0).path()).isEqualTo("/internal/a%20b/c%2Fd");
    }

    @Test
    void aRawBodyGoesOutWithItsOwnMediaTypeAndJsonWithJson() {
        ServiceHttp http = http(url(), Duration.ofSeconds(5));

        http.await(http.send(HttpMethod.PUT, "/upload", Map.of("Content-Type", "application/x-tar"),
                Buffer.buffer("raw chart bytes")));
        http.await(http.postJson("/events", new Named("podinfo")));

        assertThat(seen).containsExactly(
                new Seen("PUT", "/upload", "Bearer " + TOKEN, "application/x-tar", "raw chart bytes"),
                new Seen("POST", "/events", "Bearer " + TOKEN, "application/json", "{\"name\":\"podinfo\"}"));
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeFailsWithTheDeadline() {
        ServiceHttp http = http(url(), Duration.ofMillis(300));

        assertThatThrownBy(() -> http.await(http.get("/slow", "application/json")))
                .isInstanceOf(ServiceCallException.class)
                .hasMessage("repo-service did not answer GET /slow within 300ms")
                .extracting(e -> ((ServiceCallException) e).reason()).isEqualTo(Reason.TIMEOUT);
    }

    @Test
    void anAnswerOverTheCallsLimitIsCutOffEvenWithoutAContentLength() {
        ServiceHttp http = http(url(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> http.await(http.send(HttpMethod.GET, "/big", Map.of(), null, 10_000)))
                .isInstanceOf(ServiceCallException.class)
                .hasMessageContaining("more than the 10000")
                .extracting(e -> ((ServiceCallException) e).reason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void aServiceThatIsDownIsUnreachableAndWorthRetrying() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ServiceHttp http = http("http://127.0.0.1:" + closedPort, Duration.ofSeconds(5));

        assertThatThrownBy(() -> http.await(http.get("/ok", "application/json")))
                .isInstanceOf(ServiceCallException.class)
                .hasMessageContaining("repo-service is unreachable at http://127.0.0.1:" + closedPort)
                .matches(e -> ((ServiceCallException) e).retryable());
    }
}
