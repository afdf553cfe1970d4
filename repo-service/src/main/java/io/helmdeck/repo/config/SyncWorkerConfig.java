package io.helmdeck.repo.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where a sync worker answers repo-service's registry probes ({@code /tags}, {@code :test}). */
@ConfigMapping(prefix = "helmdeck.sync-worker")
public interface SyncWorkerConfig {

    /** Base URL, e.g. {@code http://sync-worker:8083} (a Service in front of the workers). */
    @WithDefault("http://localhost:8083")
    String url();

    /**
     * Deadline of one probe, connecting included: the worker asks a registry, which may itself be slow, so it is
     * longer than the worker's own registry timeout.
     */
    @WithDefault("90s")
    Duration timeout();
}
