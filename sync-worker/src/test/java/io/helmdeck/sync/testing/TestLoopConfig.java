package io.helmdeck.sync.testing;

import java.time.Duration;
import java.util.Optional;

import io.helmdeck.sync.config.SyncLoopConfig;

/** {@link SyncLoopConfig} for hand-wired loops: small limits and short leases so tests see them act. */
public record TestLoopConfig(int maxConcurrent, int maxPerRegistry, int leaseSeconds, String worker)
        implements SyncLoopConfig {

    @Override
    public boolean enabled() {
        return true;
    }

    /** As many waiting as running, so tests reach a full lane quickly. */
    @Override
    public int maxWaitingPerRegistry() {
        return maxPerRegistry;
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofMillis(200);
    }

    @Override
    public Optional<String> workerId() {
        return Optional.of(worker);
    }

    @Override
    public Duration shutdownGrace() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Duration maxClaimBackoff() {
        return Duration.ofSeconds(5);
    }
}
