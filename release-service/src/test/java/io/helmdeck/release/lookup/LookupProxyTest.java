package io.helmdeck.release.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.release.kube.ReleaseIdentity;

/** The loopback API Helm's lookup talks to: read-only, only for the render in progress, 403 read as not found. */
class LookupProxyTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> upstreamPaths = new CopyOnWriteArrayList<>();
    private LookupProxy proxy;
    private LookupProxy.Binding binding;

    @BeforeEach
    void setUp() throws Exception {
        proxy = LookupProxy.start();
        binding = proxy.bind(ReleaseIdentity.serviceAccount("team-a", "helmdeck-tenant"), path -> {
            upstreamPaths.add(path);
            if (path.contains("/namespaces/team-b/")) {
                return new LookupUpstream.Answer(403, "{\"kind\":\"Status\",\"code\":403}".getBytes());
            }
            return new LookupUpstream.Answer(200, "{\"kind\":\"Secret\",\"data\":{\"password\":\"c2VjcmV0\"}}"
                    .getBytes());
        });
    }

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    private HttpResponse<String> send(String method, String url) throws Exception {
        HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
        return http.send(HttpRequest.newBuilder(URI.create(url)).method(method, body).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void onlyGetIsServedAndNothingElseReachesTheCluster() throws Exception {
        String secret = proxy.server(binding) + "/api/v1/namespaces/team-a/secrets/db";
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            HttpResponse<String> response = send(method, secret);
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        }
        assertThat(upstreamPaths).isEmpty();

        assertThat(send("GET", secret).body()).contains("c2VjcmV0");
        assertThat(upstreamPaths).containsExactly("/api/v1/namespaces/team-a/secrets/db");
    }

    @Test
    void whatTheIdentityMayNotReadIsNotFound() throws Exception {
        HttpResponse<String> object = send("GET", proxy.server(binding) + "/api/v1/namespaces/team-b/secrets/db");
        HttpResponse<String> list = send("GET", proxy.server(binding) + "/api/v1/namespaces/team-b/secrets");

        assertThat(object.statusCode()).isEqualTo(404);
        assertThat(object.body()).contains("\"reason\":\"NotFound\"");
        assertThat(list.statusCode()).isEqualTo(404);
    }

    @Test
    void requestsOutsideTheRenderInProgressFindNothingOrAreRefused() throws Exception {
        String path = "/api/v1/namespaces/team-a/secrets/db";
        String current = proxy.server(binding);
        proxy.unbind(binding);

        assertThat(send("GET", current + path).statusCode()).as("a finished render's address").isEqualTo(401);
        assertThat(send("GET", proxy.url() + path).statusCode()).as("no token").isEqualTo(401);
        HttpResponse<String> idle = send("GET", proxy.idleServer() + path);
        assertThat(idle.statusCode()).as("between renders").isEqualTo(404);
        HttpResponse<String> idleDiscovery = send("GET", proxy.idleServer() + "/api/v1");
        assertThat(idleDiscovery.body()).contains("\"resources\":[]");
        assertThat(upstreamPaths).isEmpty();
    }

    @Test
    void watchesAndPathsOutsideTheApiAreNotServed() throws Exception {
        String base = proxy.server(binding);

        assertThat(send("GET", base + "/api/v1/namespaces/team-a/secrets?watch=true").statusCode()).isEqualTo(405);
        assertThat(send("GET", base + "/api/v1/namespaces/team-a/secrets/../../../x").statusCode()).isEqualTo(404);
        assertThat(send("GET", base + "/metrics").statusCode()).isEqualTo(404);
        assertThat(upstreamPaths).isEmpty();
    }
}
