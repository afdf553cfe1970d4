package io.helmdeck.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class CountGaugesTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void everyDeclaredLabelIsPublishedAndAMissingOneReadsZero() {
        CountGauges phases = CountGauges.byLabel(registry, "things", "things by phase", "phase",
                List.of("Ready", "Failed"));

        phases.publish(Map.of("Ready", 3L, "FromANewerReplica", 9L));

        assertThat(value("things", "Ready")).isEqualTo(3.0);
        assertThat(value("things", "Failed")).isZero();
        assertThat(registry.find("things").tag("phase", "FromANewerReplica").gauge()).isNull();

        phases.publish(Map.of("Failed", 1L));
        assertThat(value("things", "Ready")).isZero();
        assertThat(value("things", "Failed")).isEqualTo(1.0);
    }

    @Test
    void aFamilyLeftByAnEarlierInstanceIsTakenOverNotReused() {
        // What an application restarted in the same JVM finds: its predecessor's gauge, on state nobody updates.
        AtomicLong predecessorState = new AtomicLong(7);
        Gauge.builder("things", predecessorState, AtomicLong::get).tag("phase", "Ready").register(registry);

        CountGauges phases = CountGauges.byLabel(registry, "things", "things by phase", "phase", List.of("Ready"));
        phases.publish(Map.of("Ready", 2L));

        assertThat(value("things", "Ready")).isEqualTo(2.0);
        assertThat(registry.find("things").gauges()).hasSize(1);
    }

    @Test
    void aFamilyWithoutLabelsCarriesOneValue() {
        CountGauges backlog = CountGauges.single(registry, "backlog", "due and unclaimed");

        backlog.publish(5);
        backlog.publish(4);

        assertThat(registry.find("backlog").gauge().value()).isEqualTo(4.0);
        assertThat(registry.find("backlog").gauges()).hasSize(1);
    }

    private double value(String name, String phase) {
        return registry.find(name).tag("phase", phase).gauge().value();
    }
}
