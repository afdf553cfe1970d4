package io.helmdeck.portal.chart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The two files of a packaged chart the values editor needs: {@code values.yaml} (the defaults shown to start from)
 * and {@code values.schema.json} (what values are checked against), both at the chart's top level.
 *
 * @param values the chart's default values, empty when the chart has none
 * @param schema the chart's values schema, empty when the chart has none
 */
public record ValuesEditorFiles(String values, Optional<String> schema) {

    private static final int MAX_FILE_BYTES = 1024 * 1024;

    /** Reads them from a chart archive ({@code .tgz}); only the chart's own top level, never a subchart's. */
    public static ValuesEditorFiles read(byte[] archive) throws IOException {
        String values = "";
        String schema = null;
        // The JDK's gzip reader: Helm writes a gzip extra field that commons-compress 1.28 refuses as malformed.
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String[] parts = entry.getName().split("/");
                if (!entry.isFile() || parts.length != 2 || entry.getSize() > MAX_FILE_BYTES) {
                    continue;
                }
                if (parts[1].equals("values.yaml")) {
                    values = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                } else if (parts[1].equals("values.schema.json")) {
                    schema = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return new ValuesEditorFiles(values, Optional.ofNullable(schema));
    }
}
