package io.helmdeck.release.flux;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where and how Flux mode ({@code helmdeck.deploy.mode=flux}) writes its OCIRepository and HelmRelease objects. */
@ConfigMapping(prefix = "helmdeck.flux")
public interface FluxConfig {

    /**
     * Namespace that holds every OCIRepository and HelmRelease Helmdeck writes. One namespace that always exists
     * (Flux's own) means Helmdeck needs write access to Flux kinds there only, a HelmRelease never waits for its
     * target namespace to exist (so {@code install.createNamespace} works) and the chartRef never crosses namespaces,
     * which multi-tenant Flux installs forbid ({@code --no-cross-namespace-refs}).
     */
    @WithDefault("flux-system")
    String namespace();

    /**
     * Name of a {@code kubernetes.io/dockerconfigjson} Secret in {@link #namespace()} that Flux uses to pull from
     * private registries. The operator creates it: repo-service keeps registry credentials encrypted and never hands
     * them to release-service, so Helmdeck cannot write one itself. Empty for public registries.
     */
    Optional<String> pullSecret();
}
