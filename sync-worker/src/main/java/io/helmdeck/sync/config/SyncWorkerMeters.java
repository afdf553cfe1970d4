package io.helmdeck.sync.config;

import java.time.Duration;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.helmdeck.support.metrics.HttpServerHistograms;
import io.helmdeck.sync.reconcile.SyncMetrics;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * sync-worker's own metric shape: sync durations as a histogram ({@code _bucket}, aggregatable across replicas). The
 * HTTP histogram and {@code helmdeck_build_info{version}} come from service-support, as in the other services.
 */
@Singleton
public class SyncWorkerMeters {

    /** A sync is one HEAD, maybe a blob fetch and an upload: from tens of milliseconds to minutes for big charts. */
    static final Duration[] SYNC_BUCKETS = Stream.of(50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    @Produces
    @Singleton
    MeterFilter syncDurationHistogram() {
        return HttpServerHistograms.histogram(SyncMetrics.DURATION, SYNC_BUCKETS);
    }
}
