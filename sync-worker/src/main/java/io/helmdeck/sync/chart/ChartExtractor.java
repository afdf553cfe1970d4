package io.helmdeck.sync.chart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.helmdeck.model.ChartDependency;
import io.helmdeck.model.ChartMetadata;
import io.helmdeck.sync.config.SyncConfig;

/**
 * Reads {@code <chart>/Chart.yaml} out of a Helm chart archive (.tgz) in memory, checking every entry on the way:
 * the archive comes from a registry we do not control and is later unpacked by Helm, so anything that could
 * escape the chart directory or exhaust memory is refused rather than skipped.
 */
@ApplicationScoped
public class ChartExtractor {

    /** Chart.yaml is a few KiB; a huge one is an attack on the YAML parser, not a chart. */
    static final int MAX_CHART_YAML = 1024 * 1024;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final long maxUncompressedBytes;
    private final int maxEntries;

    @Inject
    public ChartExtractor(SyncConfig config) {
        this(config.maxArtifactSize() * config.chart().maxUncompressedFactor(), config.chart().maxEntries());
    }

    public ChartExtractor(long maxUncompressedBytes, int maxEntries) {
        this.maxUncompressedBytes = maxUncompressedBytes;
        this.maxEntries = maxEntries;
    }

    public ChartMetadata extract(byte[] archive) {
        return extract(new ByteArrayInputStream(archive));
    }

    /** Reads the whole archive (so every entry is checked) and returns the metadata of its Chart.yaml. */
    public ChartMetadata extract(InputStream archive) {
        String topDir = null;
        byte[] chartYaml = null;
        int entries = 0;
        // java.util.zip rather than commons-compress for gzip: Helm writes a gzip "extra" field that commons-compress
        // 1.28 rejects as malformed subfields.
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new BoundedInputStream(new GZIPInputStream(archive, 8192), maxUncompressedBytes))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (++entries > maxEntries) {
                    throw new InvalidChartException("chart archive has more than " + maxEntries + " entries");
                }
                List<String> path = checkedPath(entry.getName());
                if (path.isEmpty()) {
                    continue;
                }
                if (topDir == null) {
                    topDir = path.get(0);
                } else if (!topDir.equals(path.get(0))) {
                    throw new InvalidChartException("chart archive has more than one top-level directory: '"
                            + topDir + "' and '" + path.get(0) + "'");
                }
                checkType(entry, path);
                if (path.size() == 2 && "Chart.yaml".equals(path.get(1)) && entry.isFile()) {
                    chartYaml = readBounded(tar, entry.getName());
                }
            }
        } catch (BoundExceededException e) {
            throw new InvalidChartException("chart archive expands to more than " + maxUncompressedBytes
                    + " bytes; refusing it as a possible decompression bomb");
        } catch (IOException e) {
            throw new InvalidChartException("chart archive is not a valid gzip-compressed tar: " + e.getMessage(), e);
        }
        if (topDir == null) {
            throw new InvalidChartException("chart archive is empty");
        }
        if (chartYaml == null) {
            throw new InvalidChartException("chart archive has no " + topDir + "/Chart.yaml");
        }
        return parseChartYaml(chartYaml, topDir);
    }

    /** The entry's path split into components, refusing absolute paths and {@code ..}. */
    private static List<String> checkedPath(String name) {
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new InvalidChartException("chart archive entry '" + name + "' has an absolute path");
        }
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            throw new InvalidChartException("chart archive entry '" + name + "' has an invalid character");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new InvalidChartException("chart archive entry '" + name + "' has a '..' path component");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static void checkType(TarArchiveEntry entry, List<String> path) {
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            throw new InvalidChartException("chart archive entry '" + entry.getName()
                    + "' is a device or pipe; charts hold only files and directories");
        }
        if (entry.isSymbolicLink() || entry.isLink()) {
            String target = entry.getLinkName();
            // A symlink target is relative to the link's directory, a hard link's to the archive root.
            List<String> base = entry.isSymbolicLink() ? path.subList(0, path.size() - 1) : List.of();
            if (target == null || target.isEmpty() || target.startsWith("/") || escapes(base, target, path.get(0))) {
                throw new InvalidChartException("chart archive entry '" + entry.getName() + "' links to '"
                        + target + "', outside the chart");
            }
        }
    }

    /** Whether {@code target}, resolved from {@code base}, leaves the directory {@code top}. */
    private static boolean escapes(List<String> base, String target, String top) {
        List<String> resolved = new ArrayList<>(base);
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (resolved.isEmpty()) {
                    return true;
                }
                resolved.remove(resolved.size() - 1);
            } else {
                resolved.add(part);
            }
        }
        return resolved.isEmpty() || !resolved.get(0).equals(top);
    }

    private static byte[] readBounded(InputStream in, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > MAX_CHART_YAML) {
                throw new InvalidChartException(name + " is larger than " + MAX_CHART_YAML + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static ChartMetadata parseChartYaml(byte[] yaml, String topDir) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidChartException(topDir + "/Chart.yaml is not valid YAML: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidChartException(topDir + "/Chart.yaml cannot be read", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidChartException(topDir + "/Chart.yaml is not a YAML mapping");
        }
        String name = text(root, "name");
        String version = text(root, "version");
        if (name == null || version == null) {
            throw new InvalidChartException(topDir + "/Chart.yaml lacks the required "
                    + (name == null ? "name" : "version"));
        }
        List<ChartDependency> dependencies = new ArrayList<>();
        for (JsonNode dependency : root.path("dependencies")) {
            dependencies.add(new ChartDependency(text(dependency, "name"), text(dependency, "version"),
                    text(dependency, "repository")));
        }
        return new ChartMetadata(name, version, text(root, "appVersion"), text(root, "description"),
                text(root, "icon"), text(root, "kubeVersion"), text(root, "type"), List.copyOf(dependencies));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** Thrown by {@link BoundedInputStream}; an IOException so the tar reader passes it through unchanged. */
    private static final class BoundExceededException extends IOException {
        BoundExceededException() {
            super("decompressed size bound exceeded");
        }
    }

    /** Counts decompressed bytes and stops reading at the bound, which is what defeats a gzip bomb. */
    private static final class BoundedInputStream extends FilterInputStream {
        private final long bound;
        private long count;

        BoundedInputStream(InputStream in, long bound) {
            super(in);
            this.bound = bound;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws BoundExceededException {
            count += n;
            if (count > bound) {
                throw new BoundExceededException();
            }
        }
    }
}
