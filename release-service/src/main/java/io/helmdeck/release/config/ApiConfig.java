package io.helmdeck.release.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the public Helm release API. */
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

    /** Largest {@code values} of a release, as compact JSON in bytes (Helm stores values in a 1 MiB Secret). */
    @WithDefault("524288")
    int maxValuesBytes();

    /** Deepest nesting of {@code values}; the values object itself is level 1. */
    @WithDefault("32")
    int maxValuesDepth();
}
