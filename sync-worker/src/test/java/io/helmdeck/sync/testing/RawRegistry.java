package io.helmdeck.sync.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Pushes hand-made blobs and manifests, for shapes Helm never produces (indexes, odd layers). */
public final class RawRegistry {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public RawRegistry(String address) {
        this.base = "http://" + address;
    }

    /** Monolithic upload; returns the digest. */
    public String pushBlob(String repository, byte[] content) throws Exception {
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repository
                + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        check(start, 202);
        URI location = URI.create(base).resolve(start.headers().firstValue("Location").orElseThrow());
        String separator = location.getRawQuery() == null ? "?" : "&";
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(location + separator + "digest="
                + digest)).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        check(put, 201);
        return digest;
    }

    /** Returns the manifest's digest. */
    public String pushManifest(String repository, String tag, String mediaType, String json) throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repository
                + "/manifests/" + tag)).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        check(put, 201);
        return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    public byte[] getManifest(String repository, String reference, String accept) throws Exception {
        HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repository
                + "/manifests/" + reference)).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (get.statusCode() != 200) {
            throw new IllegalStateException("GET manifest answered " + get.statusCode());
        }
        return get.body();
    }

    private static void check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }
}
