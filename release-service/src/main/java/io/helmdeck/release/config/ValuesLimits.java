package io.helmdeck.release.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of a release's values; the body and page limits every service shares are service-support's {@code ApiLimits}. */
@ConfigMapping(prefix = "helmdeck.api")
public interface ValuesLimits {

    /** Largest {@code values} of a release, as compact JSON in bytes (Helm stores values in a 1 MiB Secret). */
    @WithDefault("524288")
    int maxValuesBytes();

    /** Deepest nesting of {@code values}; the values object itself is level 1. */
    @WithDefault("32")
    int maxValuesDepth();
}
