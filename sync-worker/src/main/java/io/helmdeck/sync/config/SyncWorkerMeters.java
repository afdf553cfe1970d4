package io.helmdeck.sync.config;

import java.time.Duration;
import java.util.stream.Stream;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.helmdeck.sync.reconcile.SyncMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * sync-worker's metric shape: sync and HTTP durations as histograms ({@code _bucket}, aggregatable across
 * replicas) and {@code helmdeck_build_info{version}}. repo-service and release-service get the last two from
 * service-support, which sync-worker does not depend on (it has no database and no user API).
 */
@Singleton
public class SyncWorkerMeters {

    /** A sync is one HEAD, maybe a blob fetch and an upload: from tens of milliseconds to minutes for big charts. */
    static final Duration[] SYNC_BUCKETS = Stream.of(50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000)
            .map(Duration::ofMillis).toArray(Duration[]::new);
    static final Duration[] HTTP_BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    @Produces
    @Singleton
    MeterFilter syncDurationHistogram() {
        return histogram(SyncMetrics.DURATION, SYNC_BUCKETS);
    }

    @Produces
    @Singleton
    MeterFilter httpServerHistogram() {
        return histogram("http.server.requests", HTTP_BUCKETS);
    }

    void registerBuildInfo(@Observes StartupEvent started, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        Gauge.builder("helmdeck.build.info", () -> 1).tag("version", version)
                .description("Always 1; the version label names the running build").register(registry);
    }

    private static MeterFilter histogram(String timerName, Duration... buckets) {
        double[] nanos = Stream.of(buckets).mapToDouble(Duration::toNanos).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(timerName)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
