package io.helmdeck.release.render;

import java.nio.file.Path;

/** A hand-made {@link RenderConfig} for plain JUnit tests. */
record TestRenderConfig(Path workDir, int maxConcurrent, String defaultKubeVersion, Limits archive)
        implements RenderConfig {

    record Limits(long maxCompressedSize, long maxEntrySize, long maxTotalSize, int maxEntries)
            implements RenderConfig.Archive {
    }

    /** The production defaults, in {@code workDir}. */
    static TestRenderConfig defaults(Path workDir) {
        return new TestRenderConfig(workDir, 2, "v1.31.0", new Limits(52_428_800, 5_242_880, 104_857_600, 10_000));
    }

    TestRenderConfig withArchive(Limits limits) {
        return new TestRenderConfig(workDir, maxConcurrent, defaultKubeVersion, limits);
    }

    TestRenderConfig withMaxConcurrent(int max) {
        return new TestRenderConfig(workDir, max, defaultKubeVersion, archive);
    }
}
