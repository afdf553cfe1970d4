package io.helmdeck.release.reconcile;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.ReleasePhase;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.reconcile.action.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code helmdeck_reconciles_total{action,outcome}} and {@code helmdeck_reconcile_duration_seconds{action}}
 * (a histogram): one count and one duration per action a reconcile runs. The outcome is {@code Failed} when the
 * action failed (its reason ends in {@code Failed}, it left the release in phase Failed, or it threw),
 * {@code Retrying} when it waits for something outside (source, cluster) and {@code Succeeded} otherwise.
 */
@ApplicationScoped
public class ReconcileMetrics {

    public static final String RECONCILES = "helmdeck.reconciles";
    public static final String DURATION = "helmdeck.reconcile.duration";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String RETRYING = "Retrying";

    /** An action renders, applies and may wait for hooks: from milliseconds to the release's timeout. */
    private static final Duration[] BUCKETS = Stream.of(10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000,
            300000).map(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;

    public ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs the action, counting and timing it under its kind. */
    public Outcome measure(NextAction kind, StatusDraft draft, Supplier<Outcome> action) {
        String actionTag = kind.name().toLowerCase(Locale.ROOT);
        Timer.Sample sample = Timer.start(registry);
        String outcomeTag = FAILED;
        try {
            Outcome outcome = action.get();
            outcomeTag = outcomeOf(outcome, draft);
            return outcome;
        } finally {
            sample.stop(Timer.builder(DURATION).description("Time one reconcile action took, by action")
                    .tag("action", actionTag).serviceLevelObjectives(BUCKETS).register(registry));
            Counter.builder(RECONCILES).description("Reconcile actions run, by action and outcome")
                    .tag("action", actionTag).tag("outcome", outcomeTag).register(registry).increment();
        }
    }

    static String outcomeOf(Outcome outcome, StatusDraft draft) {
        String reason = outcome.reason() == null ? "" : outcome.reason();
        if (reason.endsWith("Failed") || Reasons.INTERNAL_ERROR.equals(reason)
                || ReleasePhase.Failed.name().equals(draft.phase)) {
            return FAILED;
        }
        return outcome.then() == Outcome.Then.RETRY ? RETRYING : SUCCEEDED;
    }
}
