package io.helmdeck.release.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Decides whether a render may call Helm's {@code lookup}: any file of the chart tree (templates, helpers, files a
 * template may pass to {@code tpl}) or the release's values containing the word. Errs towards yes; a render it misses
 * still cannot read another render's data, it only finds nothing (see {@code ClusterLookup}).
 */
final class LookupDetector {

    private static final byte[] WORD = "lookup".getBytes(StandardCharsets.US_ASCII);

    private LookupDetector() {
    }

    static boolean mayCallLookup(Path chartRoot, Path valuesFile) throws RenderException {
        try (Stream<Path> files = Files.walk(chartRoot)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (contains(Files.readAllBytes(file))) {
                    return true;
                }
            }
            return contains(Files.readAllBytes(valuesFile));
        } catch (IOException e) {
            throw new RenderException("cannot read the chart for rendering: " + e.getMessage(), e);
        }
    }

    private static boolean contains(byte[] bytes) {
        outer:
        for (int i = 0; i + WORD.length <= bytes.length; i++) {
            for (int j = 0; j < WORD.length; j++) {
                if (bytes[i + j] != WORD[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
