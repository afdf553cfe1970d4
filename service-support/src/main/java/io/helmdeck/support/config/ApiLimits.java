package io.helmdeck.support.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the public API that every service applies: body size and page size. */
@ConfigMapping(prefix = "helmdeck.api")
public interface ApiLimits {

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
