package io.helmdeck.release.reconcile;

import java.time.Duration;
import java.util.Optional;

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

    /**
     * How long a claimed release stays leased without a heartbeat; renewed every quarter of it while the reconcile
     * runs. It bounds how long the releases of a replica that died stay untouched by the other replicas (ADR 0024).
     */
    @WithDefault("20s")
    Duration lease();

    /**
     * This replica's stable name ({@code HELMDECK_RECONCILE_REPLICA_ID}); default: the host name (the pod name in
     * Kubernetes). A process that starts under a replica id no live process holds takes the leases an earlier
     * process with that id left behind at once, instead of waiting for them to expire (ADR 0024).
     */
    Optional<String> replicaId();

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

    /**
     * Rendered revisions kept in memory so that the readiness check concluding an install, upgrade or rollback does
     * not render the revision again: one per release waiting for readiness, taken out when used, least recently used
     * dropped first beyond this many; 0 keeps none. A few tens of KB each for a small chart.
     */
    @WithDefault("1024")
    int renderedRevisionsKept();
}
