package io.helmdeck.repo.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the public API. */
@ConfigMapping(prefix = "helmdeck.api")
public interface ApiConfig {

    /** Largest request body accepted, in bytes; larger ones get 413. */
    @WithDefault("1048576")
    long maxBodyBytes();

    /** Page size when {@code limit} is not given. */
    @WithDefault("50")
    int defaultPageSize();

    /** Largest {@code limit} accepted. */
    @WithDefault("500")
    int maxPageSize();
}
