package io.helmdeck.release.reconcile;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How this replica takes part in reconciling releases. */
@ConfigMapping(prefix = "helmdeck.reconcile")
public interface ReconcileConfig {

    /** Off: this replica serves the API only and reconciles nothing. */
    @WithDefault("true")
    boolean enabled();

    /** How often to look for due releases when nothing woke the loop. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Releases reconciled at the same time by this replica. */
    @WithDefault("4")
    int maxConcurrent();

    /** How long a claimed release stays leased; renewed at half of it while the reconcile runs. */
    @WithDefault("2m")
    Duration lease();

    /** Delay before retrying a failed install/upgrade that has retries left, or a source that could not be read. */
    @WithDefault("10s")
    Duration retryDelay();

    /**
     * First delay between two readiness checks of a release that waits for its objects; each further check waits
     * twice as long, up to {@link #waitPollMax()}. The reconcile slot is free in between.
     */
    @WithDefault("2s")
    Duration waitPollMin();

    /** Longest delay between two readiness checks. */
    @WithDefault("10s")
    Duration waitPollMax();
}
