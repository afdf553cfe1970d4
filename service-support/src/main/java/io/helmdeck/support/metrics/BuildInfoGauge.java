package io.helmdeck.support.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code helmdeck_build_info{version}} = 1: lets a dashboard show which version each replica runs, and a rolling
 * upgrade show up as two versions side by side.
 */
@ApplicationScoped
public class BuildInfoGauge {

    public static final String NAME = "helmdeck.build.info";

    private final MeterRegistry registry;
    private final String version;

    public BuildInfoGauge(MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.registry = registry;
        this.version = version;
    }

    void register(@Observes StartupEvent started) {
        Gauge.builder(NAME, () -> 1).tag("version", version)
                .description("Always 1; the version label names the running build").register(registry);
    }
}
