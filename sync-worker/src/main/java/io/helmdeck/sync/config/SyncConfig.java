package io.helmdeck.sync.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the sync worker: limits and timeouts that protect it from slow or hostile registries. */
@ConfigMapping(prefix = "helmdeck.sync")
public interface SyncConfig {

    /** Largest artifact (chart blob) accepted, in bytes; 50 MiB like Flux's default. */
    @WithDefault("52428800")
    long maxArtifactSize();

    /** Largest manifest accepted, in bytes; the Distribution spec suggests registries accept at least 4 MiB. */
    @WithDefault("4194304")
    long maxManifestSize();

    /** Deadline of one registry operation when the repository does not set its own timeout. */
    @WithDefault("60s")
    Duration timeout();

    /** Lifetime of a registry token whose response carries no {@code expires_in}, as the token spec says. */
    @WithDefault("60s")
    Duration defaultTokenTtl();

    /** Number of tags asked for per page of {@code /tags/list}. */
    @WithDefault("100")
    int tagsPageSize();

    Retry retry();

    Chart chart();

    /** How 429/503 answers are retried. */
    interface Retry {
        /** Total attempts of one request, the first included. */
        @WithDefault("3")
        int maxAttempts();

        /** Longest {@code Retry-After} honoured by waiting; longer ones fail the sync as RateLimited at once. */
        @WithDefault("30s")
        Duration maxDelay();
    }

    /** Bounds on reading a chart archive, against decompression bombs. */
    interface Chart {
        /** Uncompressed size bound, as a multiple of {@link #maxArtifactSize()}. */
        @WithDefault("10")
        int maxUncompressedFactor();

        /** Most entries a chart archive may hold. */
        @WithDefault("10000")
        int maxEntries();
    }
}
