package io.helmdeck.release.render;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of chart rendering: where working copies go, how many renders run at once, archive bounds. */
@ConfigMapping(prefix = "helmdeck.render")
public interface RenderConfig {

    /** Parent of the per-render working directories; each render's directory is deleted when it ends. */
    @WithDefault("${java.io.tmpdir}/helmdeck-render")
    Path workDir();

    /** Renders allowed at the same time; each holds a working copy on disk and a Helm engine in memory. */
    @WithDefault("2")
    int maxConcurrent();

    /**
     * Kubernetes version rendered against when the request names none (no cluster connected). Helm's own default,
     * v1.20.0, would fail every chart with a {@code kubeVersion: ">=1.23.0-0"} constraint.
     */
    @WithDefault("v1.31.0")
    String defaultKubeVersion();

    Archive archive();

    /** Bounds on unpacking a chart archive (and the subchart archives inside it), against hostile uploads. */
    interface Archive {
        /** Largest compressed chart archive accepted, in bytes; 50 MiB like Flux's default artifact size. */
        @WithDefault("52428800")
        long maxCompressedSize();

        /** Largest single file, in bytes; Helm's own loader limit (MaxDecompressedFileSize) is 5 MiB. */
        @WithDefault("5242880")
        long maxEntrySize();

        /**
         * Most bytes the archive and every subchart archive in it may expand to together; Helm's own loader limit
         * (MaxDecompressedChartSize) is 100 MiB.
         */
        @WithDefault("104857600")
        long maxTotalSize();

        /** Most entries (files and directories) of the archive and its subchart archives together. */
        @WithDefault("10000")
        int maxEntries();
    }
}
