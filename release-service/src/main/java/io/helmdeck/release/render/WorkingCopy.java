package io.helmdeck.release.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The unpacked chart that Helm renders, prepared so that the render also yields what helm-java's template() leaves
 * out: hooks (their keys hidden, see {@link HookKeys}), NOTES.txt (included into a carrier object) and which
 * subcharts are enabled (every chart gets a marker object, so the CRDs of disabled subcharts can be left out as
 * Helm leaves them out).
 */
final class WorkingCopy {

    static final String CARRIER_API_VERSION = "render.helmdeck.internal/v1";
    static final String CARRIER_KIND = "HelmdeckRenderCarrier";
    private static final String CARRIER_FILE = "zz-helmdeck-render-carrier";

    private final Path root;
    private final List<ChartDir> charts;

    /**
     * One chart of the tree.
     *
     * @param dir      its directory in the working copy
     * @param fullPath Helm's ChartFullPath, e.g. {@code web/charts/redis}, used in {@code # Source:} of its CRDs
     * @param marker   the id its carrier object reports when Helm renders it
     */
    record ChartDir(Path dir, String fullPath, String marker) {
    }

    private WorkingCopy(Path root, List<ChartDir> charts) {
        this.root = root;
        this.charts = charts;
    }

    /** Unpacks the archive into {@code root} and every subchart archive in {@code charts/} into a directory. */
    static WorkingCopy unpack(InputStream archive, Path root, ChartUnpacker unpacker) throws RenderException {
        ChartUnpacker.Budget budget = unpacker.newBudget();
        unpacker.unpack(archive, root, budget, "chart archive");
        List<ChartDir> charts = new ArrayList<>();
        collect(root, chartName(root), unpacker, budget, charts, 0);
        return new WorkingCopy(root, List.copyOf(charts));
    }

    Path root() {
        return root;
    }

    /** The top chart first, then its subcharts depth first, each level in name order. */
    List<ChartDir> charts() {
        return charts;
    }

    private static void collect(Path dir, String fullPath, ChartUnpacker unpacker, ChartUnpacker.Budget budget,
            List<ChartDir> charts, int depth) throws RenderException {
        if (depth > 10) {
            throw new RenderException("chart '" + fullPath + "' nests subcharts more than 10 levels deep");
        }
        charts.add(new ChartDir(dir, fullPath, Integer.toString(charts.size())));
        Path subDir = dir.resolve("charts");
        if (!Files.isDirectory(subDir)) {
            return;
        }
        for (Path archive : list(subDir)) {
            String file = archive.getFileName().toString();
            if (Files.isRegularFile(archive) && file.endsWith(".tgz")) {
                Path target = freeName(subDir, file.substring(0, file.length() - ".tgz".length()));
                try (InputStream in = Files.newInputStream(archive)) {
                    unpacker.unpack(in, target, budget, "subchart archive " + relative(fullPath, archive, dir));
                } catch (IOException e) {
                    throw new RenderException("cannot read subchart archive " + file + ": " + e.getMessage(), e);
                }
                delete(archive);
            }
        }
        for (Path sub : list(subDir)) {
            if (Files.isDirectory(sub) && Files.isRegularFile(sub.resolve("Chart.yaml"))) {
                collect(sub, fullPath + "/charts/" + chartName(sub), unpacker, budget, charts, depth + 1);
            }
        }
    }

    /**
     * Hides hook keys in every text file, writes the release facts into templates, adds the carrier templates and
     * removes the top {@code .helmignore} (Helm applies it only when loading a directory, never to an archive, and
     * this copy must render as the archive would).
     */
    void prepareForRender(ReleaseFacts facts) throws RenderException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                rewrite(file, facts);
            }
        } catch (IOException e) {
            throw new RenderException("cannot prepare the chart for rendering: " + e.getMessage(), e);
        }
        delete(root.resolve(".helmignore"));
        for (ChartDir chart : charts) {
            boolean top = chart.dir().equals(root);
            boolean notes = top && Files.isRegularFile(chart.dir().resolve("templates").resolve("NOTES.txt"));
            writeCarrier(chart, notes);
        }
    }

    private void rewrite(Path file, ReleaseFacts facts) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = strictUtf8(bytes);
        if (text == null) {
            return; // binary files are served by .Files as they are; they cannot hold a hook annotation key
        }
        String changed = HookKeys.hide(text);
        if (facts.needed() && isTemplate(file)) {
            changed = facts.apply(changed);
        }
        if (!changed.equals(text)) {
            Files.writeString(file, changed, StandardCharsets.UTF_8);
        }
    }

    private boolean isTemplate(Path file) {
        for (ChartDir chart : charts) {
            Path templates = chart.dir().resolve("templates");
            if (file.startsWith(templates)) {
                return true;
            }
        }
        return false;
    }

    private static void writeCarrier(ChartDir chart, boolean notes) throws RenderException {
        Path templates = chart.dir().resolve("templates");
        String yaml = "apiVersion: " + CARRIER_API_VERSION + "\n"
                + "kind: " + CARRIER_KIND + "\n"
                + "metadata:\n"
                + "  name: helmdeck-render-carrier-" + chart.marker() + "\n"
                + "chart: \"" + chart.marker() + "\"\n"
                + (notes ? "notes: {{ include (print $.Template.BasePath \"/NOTES.txt\") . | b64enc | quote }}\n" : "");
        try {
            Files.createDirectories(templates);
            Files.writeString(freeName(templates, CARRIER_FILE + ".yaml"), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RenderException("cannot prepare the chart for rendering: " + e.getMessage(), e);
        }
    }

    static String chartName(Path dir) throws RenderException {
        Path chartYaml = dir.resolve("Chart.yaml");
        if (!Files.isRegularFile(chartYaml)) {
            throw new RenderException("chart archive has no Chart.yaml in its top directory");
        }
        return ChartYamlReader.metadata(chartYaml).name();
    }

    private static String relative(String fullPath, Path file, Path chartDir) {
        return fullPath + "/" + chartDir.relativize(file).toString().replace('\\', '/');
    }

    private static Path freeName(Path dir, String name) {
        Path candidate = dir.resolve(name);
        for (int i = 2; Files.exists(candidate); i++) {
            int dot = name.lastIndexOf('.');
            candidate = dot > 0
                    ? dir.resolve(name.substring(0, dot) + "-" + i + name.substring(dot))
                    : dir.resolve(name + "-" + i);
        }
        return candidate;
    }

    private static List<Path> list(Path dir) throws RenderException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new RenderException("cannot read " + dir.getFileName() + " of the chart: " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) throws RenderException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new RenderException("cannot prepare the chart for rendering: " + e.getMessage(), e);
        }
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
