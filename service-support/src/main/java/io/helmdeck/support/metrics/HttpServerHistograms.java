package io.helmdeck.support.metrics;

import java.time.Duration;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Publishes {@code http_server_requests_seconds} as a histogram ({@code _bucket}) instead of Quarkus' default
 * count/sum/max, so latency quantiles can be aggregated across replicas with {@code histogram_quantile}. Fixed
 * buckets keep the series count small (11 per method/uri/status) where Micrometer's own percentile histogram would
 * add about 70.
 */
@Singleton
public class HttpServerHistograms {

    /** Upper bounds of the HTTP duration buckets (an API call is expected well under a second). */
    public static final Duration[] BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    @Produces
    @Singleton
    MeterFilter httpServerRequestHistogram() {
        return histogram("http.server.requests", BUCKETS);
    }

    /** A filter that gives the named timer these bucket bounds. */
    public static MeterFilter histogram(String timerName, Duration... buckets) {
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
