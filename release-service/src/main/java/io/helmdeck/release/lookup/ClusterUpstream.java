package io.helmdeck.release.lookup;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.helmdeck.release.kube.ReleaseIdentity;

/**
 * Reads from the configured cluster through Helmdeck's own client (its URL, TLS and credentials, whichever way the
 * connection was configured), adding {@code Impersonate-User} when the render runs as a tenant's service account.
 */
final class ClusterUpstream implements LookupUpstream {

    private final KubernetesClient client;
    private final ReleaseIdentity identity;
    private final Duration timeout;

    ClusterUpstream(KubernetesClient client, ReleaseIdentity identity, Duration timeout) {
        this.client = client;
        this.identity = identity;
        this.timeout = timeout;
    }

    @Override
    public Answer get(String path) throws IOException {
        String base = client.getMasterUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        HttpClient http = client.getHttpClient();
        HttpRequest.Builder request = http.newHttpRequestBuilder()
                .uri(URI.create(base + path))
                .header("Accept", "application/json")
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        identity.impersonation().ifPresent(user -> request.setHeader("Impersonate-User", user));
        try {
            HttpResponse<byte[]> response = http.sendAsync(request.build(), byte[].class)
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            byte[] body = response.body();
            return new Answer(response.code(), body == null ? new byte[0] : body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading from the cluster", e);
        } catch (ExecutionException e) {
            throw new IOException(String.valueOf(e.getCause() == null ? e : e.getCause().getMessage()), e);
        } catch (TimeoutException e) {
            throw new IOException("the cluster did not answer within " + timeout, e);
        }
    }
}
