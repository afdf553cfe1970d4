package io.helmdeck.sync.testing;

import java.time.Duration;

import io.helmdeck.sync.config.SyncConfig;

/** {@link SyncConfig} with the production defaults, changeable per test. */
public record TestSyncConfig(long maxArtifactSize, long maxManifestSize, Duration timeout, Duration defaultTokenTtl,
        int tagsPageSize, int maxAttempts, Duration maxDelay) implements SyncConfig {

    public static TestSyncConfig defaults() {
        return new TestSyncConfig(50L * 1024 * 1024, 4L * 1024 * 1024, Duration.ofSeconds(20), Duration.ofSeconds(60),
                100, 3, Duration.ofSeconds(30));
    }

    public TestSyncConfig withTagsPageSize(int value) {
        return new TestSyncConfig(maxArtifactSize, maxManifestSize, timeout, defaultTokenTtl, value, maxAttempts,
                maxDelay);
    }

    @Override
    public Retry retry() {
        return new Retry() {
            @Override
            public int maxAttempts() {
                return maxAttempts;
            }

            @Override
            public Duration maxDelay() {
                return maxDelay;
            }
        };
    }

    @Override
    public Chart chart() {
        return new Chart() {
            @Override
            public int maxUncompressedFactor() {
                return 10;
            }

            @Override
            public int maxEntries() {
                return 10_000;
            }
        };
    }
}
