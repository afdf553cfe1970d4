package io.helmdeck.sync.oci;

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

    public RegistryMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @param status the HTTP status, or a word such as {@code error} or {@code timeout} when there was none */
    void request(String method, String status, String registry) {
        Counter.builder(REQUESTS)
                .description("HTTP requests sent to OCI registries and their token endpoints")
                .tag("method", method).tag("status", status).tag("registry", registry)
                .register(meters).increment();
    }

    /** Requests seen so far with that method and registry, any status. */
    public double count(String method, String registry) {
        return meters.find(REQUESTS).tag("method", method).tag("registry", registry).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
