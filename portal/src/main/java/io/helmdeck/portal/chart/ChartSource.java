package io.helmdeck.portal.chart;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helmdeck.portal.config.PortalConfig;

/**
 * The chart an OCI repository currently holds, read from repo-service's public API with the caller's own token (so
 * repo-service decides who may read it). Archives are kept by digest: a digest's bytes never change.
 */
@ApplicationScoped
public class ChartSource {

    private static final int CACHED_CHARTS = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A chart and the files the editor needs; {@code digest} is null while the repository has no chart yet. */
    public record Chart(String name, String version, String digest, ValuesEditorFiles files) {

        public boolean stored() {
            return digest != null;
        }
    }

    /** repo-service said no (or could not be reached): its status and problem body go to the browser as they are. */
    public static final class UpstreamException extends Exception {
        private final int status;
        private final String body;

        UpstreamException(int status, String body) {
            super("repo-service answered " + status);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    private final PortalConfig config;
    private final HttpClient http;
    private final Map<String, ValuesEditorFiles> byDigest = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ValuesEditorFiles> eldest) {
                    return size() > CACHED_CHARTS;
                }
            });

    public ChartSource(PortalConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /** Blocking: the chart of repository {@code name} in {@code tenant}, as the holder of {@code authorization} may see it. */
    public Chart current(String tenant, String name, String authorization) throws UpstreamException {
        String base = config.repoServiceUrl().replaceAll("/$", "");
        HttpResponse<byte[]> repo = get(base + "/api/v1/tenants/" + encode(tenant) + "/oci-repositories/"
                + encode(name), authorization);
        JsonNode artifact;
        try {
            artifact = JSON.readTree(repo.body()).path("status").path("artifact");
        } catch (IOException e) {
            throw new UpstreamException(502, problem(502, "repo-service sent a body that is not JSON"));
        }
        String digest = artifact.path("digest").asText("");
        if (digest.isEmpty()) {
            return new Chart(name, "", null, new ValuesEditorFiles("", java.util.Optional.empty()));
        }
        JsonNode chart = artifact.path("chart");
        ValuesEditorFiles files = byDigest.get(digest);
        if (files == null) {
            HttpResponse<byte[]> blob = get(base + "/api/v1/artifacts/" + encode(digest), authorization);
            try {
                files = ValuesEditorFiles.read(blob.body());
            } catch (IOException e) {
                throw new UpstreamException(422, problem(422, "The artifact of " + name + " is not a chart archive"));
            }
            byDigest.put(digest, files);
        }
        return new Chart(chart.path("name").asText(name), chart.path("version").asText(""), digest, files);
    }

    private HttpResponse<byte[]> get(String url, String authorization) throws UpstreamException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout()).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UpstreamException(502, problem(502, "repo-service did not answer"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(503, problem(503, "interrupted"));
        }
        if (answer.statusCode() != 200) {
            throw new UpstreamException(answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        }
        return answer;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String problem(int status, String detail) {
        return JSON.createObjectNode().put("type", "about:blank").put("title", detail).put("status", status)
                .put("detail", detail).toString();
    }
}
