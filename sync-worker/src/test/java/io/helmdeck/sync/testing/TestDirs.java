package io.helmdeck.sync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Scratch directories under {@code target/}, so tests write nothing elsewhere. */
public final class TestDirs {
    private TestDirs() {
    }

    public static Path newDir(String prefix) {
        try {
            return Files.createDirectories(Path.of("target", "test-work", prefix + "-" + UUID.randomUUID())
                    .toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
