package io.helmdeck.release.kube;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;

/**
 * {@code helmdeck_kube_requests_total{verb,status}}: every request a fabric8 client of release-service sends to the
 * Kubernetes API, by Kubernetes verb (get, list, watch, create, update, patch, delete, deletecollection) and HTTP
 * status ({@code error} when no response came). Installed on every fabric8 HTTP client by
 * {@link MeteredKubeHttpClientFactory}; the registry is looked up lazily because fabric8 creates the factory
 * through {@link java.util.ServiceLoader}, outside CDI.
 */
public class KubeRequestCounter implements Interceptor {

    public static final String NAME = "helmdeck.kube.requests";
    static final String NO_RESPONSE = "error";

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        count(request, Integer.toString(response.code()));
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        count(request, NO_RESPONSE);
    }

    private static void count(HttpRequest request, String status) {
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning()) {
            return; // a client used before start or after shutdown: nothing to report to
        }
        MeterRegistry registry = container.instance(MeterRegistry.class).get();
        if (registry == null) {
            return;
        }
        Counter.builder(NAME).description("Kubernetes API requests, by verb and HTTP status")
                .tag("verb", verb(request.method(), request.uri())).tag("status", status)
                .register(registry).increment();
    }

    /**
     * The Kubernetes verb of a request, as the API server's audit log names it: a GET of a collection is a list
     * (or a watch with {@code watch=true}), a DELETE of a collection a deletecollection. Anything that is not a
     * resource path (discovery, version) counts by its HTTP method.
     */
    static String verb(String method, URI uri) {
        String http = method.toUpperCase(Locale.ROOT);
        boolean collection = isCollection(uri.getRawPath());
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return switch (http) {
            case "GET" -> !collection ? "get" : query.matches("(.*&)?watch=(true|1)(&.*)?") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> collection ? "deletecollection" : "delete";
            default -> http.toLowerCase(Locale.ROOT);
        };
    }

    /** /api/v1/[namespaces/NS/]RESOURCE or /apis/GROUP/VERSION/[namespaces/NS/]RESOURCE, with no name after it. */
    private static boolean isCollection(String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        int resource;
        if (parts.length >= 2 && parts[0].equals("api")) {
            resource = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            resource = 3;
        } else {
            return false;
        }
        if (parts.length > resource + 2 && parts[resource].equals("namespaces")) {
            resource += 2; // a namespaced resource; /namespaces and /namespaces/NS alone are the Namespace kind
        }
        return parts.length == resource + 1;
    }
}
