package io.helmdeck.repo.service;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a repository is due next: the interval with ±5 % jitter after a good sync (so repositories created
 * together drift apart instead of hitting the registry in lockstep), exponential backoff from 5 s capped at the
 * interval after a failure, and never sooner than a registry's {@code Retry-After}.
 */
public final class SyncSchedule {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    static final double JITTER = 0.05;

    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    public SyncSchedule(DoubleSupplier random) {
        this.random = random;
    }

    public Instant afterSuccess(Instant now, Duration interval) {
        return now.plusMillis(Math.round(interval.toMillis() * successFactor()));
    }

    /** The interval is multiplied by this after a good sync: 1 ± {@link #JITTER}, drawn anew each time. */
    public double successFactor() {
        return 1 + JITTER * (2 * random.getAsDouble() - 1);
    }

    /** @param failures consecutive failures including this one (1 for the first) */
    public Instant afterFailure(Instant now, Duration interval, int failures, Long retryAfterSeconds) {
        Duration backoff = backoff(interval, failures);
        if (retryAfterSeconds != null && retryAfterSeconds > backoff.toSeconds()) {
            backoff = Duration.ofSeconds(retryAfterSeconds);
        }
        return now.plus(backoff);
    }

    static Duration backoff(Duration interval, int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 20));
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << doublings);
        return backoff.compareTo(interval) > 0 ? interval : backoff;
    }
}
