package io.helmdeck.release.source;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The local cache of chart artifacts, kept by digest. */
@ConfigMapping(prefix = "helmdeck.charts")
public interface ChartCacheConfig {

    /** Folder of the cache; {@code <java.io.tmpdir>/helmdeck-charts} when not set. */
    Optional<String> cacheDir();

    /** Largest chart accepted, in bytes (same default as repo-service's artifact limit, 50 MiB). */
    @WithDefault("52428800")
    long maxBytes();
}
