package io.helmdeck.release.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How releases reach the cluster. */
@ConfigMapping(prefix = "helmdeck.deploy")
public interface DeployConfig {

    /** {@code direct}: render and apply here; {@code flux}: write Flux OCIRepository/HelmRelease objects instead. */
    @WithDefault("direct")
    Mode mode();

    enum Mode {
        direct, flux
    }
}
