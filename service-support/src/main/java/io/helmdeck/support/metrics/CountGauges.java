package io.helmdeck.support.metrics;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * A gauge family whose values come from a count taken elsewhere (rows by phase, a backlog) and are replaced as a
 * whole each time the count is taken.
 *
 * <p>Why not one {@code Gauge} per value holding an {@code AtomicLong}: a {@code Gauge.builder(...).register} for a
 * name and tags already in the registry returns the gauge registered first, and Micrometer holds a gauge's state only
 * weakly. Where the registry outlives the bean (a restarted application in the same JVM, as Quarkus tests do), the
 * series then read a collected object, and a scrape showed no {@code helmdeck_releases} at all. Here the family is
 * taken over when this instance is created, and Micrometer's {@link MultiGauge} with overwrite replaces the series
 * with values it holds strongly at each count.
 */
public final class CountGauges {

    private final MultiGauge gauge;
    private final String tag;
    private final List<String> labels;

    private CountGauges(MeterRegistry registry, String name, String description, String tag, List<String> labels) {
        // The family belongs to this instance: series an earlier instance left in a shared registry would otherwise
        // be kept by the first registration (see above), and keep reading that instance's state.
        registry.find(name).meters().forEach(registry::remove);
        this.gauge = MultiGauge.builder(name).description(description).register(registry);
        this.tag = tag;
        this.labels = List.copyOf(labels);
    }

    /** One series per label value, e.g. {@code phase="Ready"}; a value missing from a count reads 0. */
    public static CountGauges byLabel(MeterRegistry registry, String name, String description, String tag,
            List<String> labels) {
        return new CountGauges(registry, name, description, tag, labels);
    }

    /** One series without labels. */
    public static CountGauges single(MeterRegistry registry, String name, String description) {
        return new CountGauges(registry, name, description, null, List.of());
    }

    /** Replaces every series of a labelled family; counts for labels not declared are ignored. */
    public void publish(Map<String, Long> counts) {
        gauge.register(labels.stream()
                .map(label -> MultiGauge.Row.of(Tags.of(tag, label), counts.getOrDefault(label, 0L)))
                .toList(), true);
    }

    /** Replaces the value of a family without labels. */
    public void publish(long count) {
        gauge.register(List.of(MultiGauge.Row.of(Tags.empty(), count)), true);
    }
}
