package io.helmdeck.release.drift;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code helmdeck_drift_corrections_total{outcome}}: objects drift detection re-applied ({@code corrected}) or tried
 * to and the cluster refused ({@code failed}). No tenant or release label, so the series stay few.
 */
@ApplicationScoped
public class DriftMetrics {

    public static final String CORRECTIONS = "helmdeck.drift.corrections";
    public static final String CORRECTED = "corrected";
    public static final String FAILED = "failed";

    private final MeterRegistry registry;

    public DriftMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts {@code objects} corrections with this outcome. */
    public void count(String outcome, int objects) {
        Counter.builder(CORRECTIONS).description("Drifted objects re-applied by drift detection, by outcome")
                .tag("outcome", outcome).register(registry).increment(objects);
    }
}
