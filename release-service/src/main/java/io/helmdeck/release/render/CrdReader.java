package io.helmdeck.release.render;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the {@code crds/} files of a chart as Helm's {@code Chart.CRDObjects} does: every {@code .yaml}, {@code .yml}
 * or {@code .json} file below {@code crds/}, never templated, several documents per file allowed.
 */
final class CrdReader {

    private CrdReader() {
    }

    /** The CRDs of one chart (not of its subcharts), files in path order. */
    static List<ManifestObject> read(WorkingCopy.ChartDir chart) throws RenderException {
        Path crds = chart.dir().resolve("crds");
        if (!Files.isDirectory(crds)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(crds)) {
            files = walk.filter(Files::isRegularFile).filter(CrdReader::isManifest).sorted().toList();
        } catch (IOException e) {
            throw new RenderException("cannot read crds/ of chart " + chart.fullPath() + ": " + e.getMessage(), e);
        }
        List<ManifestObject> objects = new ArrayList<>();
        for (Path file : files) {
            String source = chart.fullPath() + "/" + chart.dir().relativize(file).toString().replace('\\', '/');
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new RenderException(source + " is not UTF-8 text");
            } catch (IOException e) {
                throw new RenderException("cannot read " + source + ": " + e.getMessage(), e);
            }
            objects.addAll(YamlDocuments.parseFile(source, text));
        }
        return objects;
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }
}
