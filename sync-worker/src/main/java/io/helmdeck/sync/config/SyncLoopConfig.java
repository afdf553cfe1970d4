package io.helmdeck.sync.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the sync loop claims and runs leased repositories: pace, concurrency and lease length. */
@ConfigMapping(prefix = "helmdeck.sync")
public interface SyncLoopConfig {

    /** Whether this process claims work at all; tests that boot Quarkus turn it off so they never reach a peer. */
    @WithDefault("true")
    boolean enabled();

    /** Time between claim rounds; the Quarkus scheduler runs it at most once a second, whatever is set. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most repositories this worker holds at once, syncing or waiting for their registry. */
    @WithDefault("32")
    int maxConcurrent();

    /**
     * Most syncs running against one registry at once, so a slow or rate-limiting registry cannot take every slot.
     */
    @WithDefault("4")
    int maxPerRegistry();

    /**
     * Most claimed repositories of one registry waiting for one of its run slots. Deep enough that the run slots
     * never idle while the next exchange is on its way (ADR 0025); bounded, so a slow registry still cannot take
     * every slot of the worker.
     */
    @WithDefault("16")
    int maxWaitingPerRegistry();

    /** Lease TTL asked for; the lease is renewed after half of it. */
    @WithDefault("60")
    int leaseSeconds();

    /** Identity of this worker in leases; defaults to the host name and a random suffix. */
    Optional<String> workerId();

    /** How long a stopping worker waits for running syncs to report before it lets their leases lapse. */
    @WithDefault("10s")
    Duration shutdownGrace();

    /** Longest pause between claim attempts while repo-service cannot be reached. */
    @WithDefault("30s")
    Duration maxClaimBackoff();
}
