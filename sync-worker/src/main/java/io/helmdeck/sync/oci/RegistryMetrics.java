package io.helmdeck.sync.oci;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts registry requests as {@code helmdeck_registry_requests_total{method,status,registry}}, where
 * {@code registry} is the host:port asked: the registry itself, its token endpoint or the storage it redirects to.
 */
@ApplicationScoped
public class RegistryMetrics {

    public static final String REQUESTS = "helmdeck.registry.requests";

    private final MeterRegistry meters;
    private final Map<Labels, Counter> counters = new ConcurrentHashMap<>();

    public RegistryMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @param status the HTTP status, or a word such as {@code error} or {@code timeout} when there was none */
    void request(String method, String status, String registry) {
        // Looked up once per label set, not built and registered again for every request.
        counters.computeIfAbsent(new Labels(method, status, registry), key -> Counter.builder(REQUESTS)
                .description("HTTP requests sent to OCI registries and their token endpoints")
                .tag("method", key.method()).tag("status", key.status()).tag("registry", key.registry())
                .register(meters)).increment();
    }

    private record Labels(String method, String status, String registry) {
    }

    /** Requests seen so far with that method and registry, any status. */
    public double count(String method, String registry) {
        return meters.find(REQUESTS).tag("method", method).tag("registry", registry).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
