package io.helmdeck.release.kube;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Helmdeck reaches the cluster and applies objects to it ({@code helmdeck.kube.*}). */
@ConfigMapping(prefix = "helmdeck.kube")
public interface KubeConfig {

    /** How objects are applied; see {@link ApplyStrategy}. */
    @WithDefault("server-side")
    ApplyStrategy applyStrategy();

    /** Field manager named in server-side apply, so {@code kubectl} shows who owns which field. */
    @WithDefault("helmdeck")
    String fieldManager();

    /** Kubernetes version assumed for rendering when the API server's version cannot be read. */
    @WithDefault("v1.31.0")
    String kubeVersionFallback();

    /** How long the API server's version is trusted before it is asked again. */
    @WithDefault("10m")
    Duration kubeVersionCacheTtl();

    /** A kubeconfig file to use instead of {@code KUBECONFIG} and {@code ~/.kube/config}. */
    Optional<String> kubeconfig();

    /**
     * {@code false} ignores every cluster found on the machine: releases are rendered and recorded but never
     * applied. For local runs and tests on machines whose {@code ~/.kube/config} points at a real cluster.
     */
    @WithDefault("true")
    boolean enabled();

    /** How often a running hook (Job, Pod) and a hook being deleted are looked at again. */
    @WithDefault("1s")
    Duration hookPollInterval();

    /** How objects reach the API server. */
    enum ApplyStrategy {
        /** PATCH {@code application/apply-patch+yaml} with a field manager and {@code force=true}. */
        SERVER_SIDE,
        /** Create, or replace with the live {@code resourceVersion} (for API servers without server-side apply). */
        CLIENT_SIDE
    }
}
