package io.helmdeck.sync.reconcile;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.sync.SyncOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code helmdeck_syncs_total{outcome,reason}}, {@code helmdeck_sync_duration_seconds{outcome}} and
 * {@code helmdeck_sync_in_flight}: how many syncs end how, how long they take, and how many run right now.
 */
@ApplicationScoped
public class SyncMetrics {

    public static final String SYNCS = "helmdeck.syncs";
    public static final String DURATION = "helmdeck.sync.duration";
    public static final String IN_FLIGHT = "helmdeck.sync.in.flight";

    private final MeterRegistry meters;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Outcome, Counter> counters = new ConcurrentHashMap<>();
    private final Map<SyncOutcome, Timer> timers = new ConcurrentHashMap<>();

    public SyncMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Syncs running now (claimed repositories waiting for their registry not included)")
                .register(meters);
    }

    /** @param reason the failure reason; successful outcomes count as {@link Reasons#SUCCEEDED} */
    void finished(SyncOutcome outcome, String reason, Duration duration) {
        // Looked up once per outcome and reason, not built and registered again for every sync.
        counters.computeIfAbsent(new Outcome(outcome, reason == null ? Reasons.SUCCEEDED : reason),
                key -> Counter.builder(SYNCS).description("Syncs finished, by outcome and reason")
                        .tag("outcome", key.outcome().name()).tag("reason", key.reason()).register(meters))
                .increment();
        timers.computeIfAbsent(outcome, key -> Timer.builder(DURATION)
                .description("Time from the start of a sync to its result, by outcome")
                .tag("outcome", key.name()).register(meters)).record(duration);
    }

    private record Outcome(SyncOutcome outcome, String reason) {
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void ended() {
        inFlight.decrementAndGet();
    }

    /** Syncs with that outcome and reason so far. */
    public double count(SyncOutcome outcome, String reason) {
        Counter counter = meters.find(SYNCS).tag("outcome", outcome.name()).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    public int inFlight() {
        return inFlight.get();
    }
}
