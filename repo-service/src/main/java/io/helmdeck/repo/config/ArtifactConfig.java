package io.helmdeck.repo.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The content-addressed artifact store. */
@ConfigMapping(prefix = "helmdeck.artifacts")
public interface ArtifactConfig {

    /** Largest blob accepted from a worker. */
    @WithDefault("52428800")
    long maxBytes();

    /** How long a blob no repository points at is kept (release-service may still be rolling out). */
    @WithDefault("24h")
    Duration retention();

    /** How often unreferenced blobs are collected ({@code off} disables it); read by the scheduler. */
    @WithDefault("1h")
    String gcInterval();
}
