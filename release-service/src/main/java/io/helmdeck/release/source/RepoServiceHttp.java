package io.helmdeck.release.source;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helmdeck.support.config.OwnServiceToken;

/**
 * The one HTTP client release-service uses to call repo-service: base URL, timeouts and error wording in one place.
 * Blocking (JDK HttpClient); callers run it on worker threads.
 */
@ApplicationScoped
public class RepoServiceHttp {

    private static final int MAX_DETAIL = 300;

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;
    private final ObjectMapper json;

    private final Optional<String> serviceToken;

    public RepoServiceHttp(RepoServiceConfig config, OwnServiceToken serviceToken) {
        this.serviceToken = serviceToken.get();
        this.baseUrl = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1) : config.url();
        this.timeout = config.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        // Lenient on purpose: a neighbouring repo-service version may add fields.
        this.json = new ObjectMapper().findAndRegisterModules()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    HttpClient client() {
        return http;
    }

    ObjectMapper json() {
        return json;
    }

    String baseUrl() {
        return baseUrl;
    }

    /**
     * A GET of repo-service's internal API ({@code /internal/v1/} and the given path segments, each percent-encoded),
     * with this service's token (ADR 0013): release-service reads sources and charts there, never through the
     * public API, so no user token is involved and a release only ever names its own tenant.
     */
    HttpRequest.Builder get(String accept, String... segments) {
        StringBuilder path = new StringBuilder(baseUrl).append("/internal/v1");
        for (String segment : segments) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.toString())).timeout(timeout)
                .header("Accept", accept).GET();
        serviceToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request;
    }

    /** A short description of an error answer: the problem detail when there is one, else the start of the body. */
    String describe(int status, String body) {
        String detail = null;
        try {
            JsonNode problem = json.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                detail = problem.get("detail").asText();
            }
        } catch (Exception e) {
            // not JSON: fall back to the raw body below
        }
        if (detail == null) {
            detail = body == null ? "" : body.strip();
        }
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "…";
        }
        return "repo-service answered " + status + (detail.isEmpty() ? "" : ": " + detail);
    }
}
