package io.helmdeck.release.render;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a chart archive (.tgz) into a directory, refusing anything that could write outside it or exhaust the
 * disk: absolute paths, {@code ..}, links, devices, names that are not UTF-8, oversized files, too many entries and
 * gzip bombs. The archive's single top directory ({@code <chart>/}) is stripped, as Helm's loader does.
 */
final class ChartUnpacker {

    private final RenderConfig.Archive limits;

    ChartUnpacker(RenderConfig.Archive limits) {
        this.limits = limits;
    }

    /** What one chart (with all its subchart archives) may still consume; shared by nested unpacks. */
    final class Budget {
        private long bytes;
        private int entries;

        private void addEntry(String name) throws RenderException {
            if (++entries > limits.maxEntries()) {
                throw new RenderException("chart archive has more than " + limits.maxEntries()
                        + " entries (at '" + name + "')");
            }
        }

        private void addBytes(long n) throws BoundExceeded {
            bytes += n;
            if (bytes > limits.maxTotalSize()) {
                throw new BoundExceeded();
            }
        }
    }

    Budget newBudget() {
        return new Budget();
    }

    /**
     * Unpacks {@code archive} into {@code target}, which must not exist yet.
     *
     * @param label how the archive is named in error messages, e.g. {@code chart archive} or
     *              {@code subchart archive charts/redis-1.0.0.tgz}
     */
    void unpack(InputStream archive, Path target, Budget budget, String label) throws RenderException {
        Path root = target.toAbsolutePath().normalize();
        String topDir = null;
        try {
            Files.createDirectories(root);
            // java.util.zip for gzip: Helm writes a gzip "extra" field that commons-compress 1.28 rejects.
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new CountingInputStream(new GZIPInputStream(archive, 8192), budget), "ISO-8859-1")) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    String name = utf8Name(entry.getName(), label);
                    budget.addEntry(name);
                    List<String> path = checkedPath(name, label);
                    if (path.isEmpty()) {
                        continue;
                    }
                    if (topDir == null) {
                        topDir = path.get(0);
                    } else if (!topDir.equals(path.get(0))) {
                        throw new RenderException(label + " has more than one top-level directory: '" + topDir
                                + "' and '" + path.get(0) + "'");
                    }
                    checkType(entry, label);
                    if (path.size() == 1) {
                        continue;
                    }
                    Path out = root;
                    for (String part : path.subList(1, path.size())) {
                        out = out.resolve(part);
                    }
                    out = out.normalize();
                    if (!out.startsWith(root)) {
                        throw new RenderException(label + " entry '" + name + "' resolves outside the chart");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        writeFile(tar, entry, out, label);
                    }
                }
            }
        } catch (IOException e) {
            if (causedByBound(e)) {
                throw new RenderException(label + " expands to more than " + limits.maxTotalSize()
                        + " bytes; refusing it as a possible decompression bomb");
            }
            if (e instanceof ZipException || e instanceof EOFException) {
                throw new RenderException(label + " is not a valid gzip-compressed tar: " + e.getMessage(), e);
            }
            throw new RenderException(label + " cannot be unpacked: " + e.getMessage(), e);
        }
        if (topDir == null) {
            throw new RenderException(label + " is empty");
        }
    }

    private void writeFile(InputStream tar, TarArchiveEntry entry, Path out, String label)
            throws IOException, RenderException {
        if (entry.getSize() > limits.maxEntrySize()) {
            throw new RenderException(label + " entry '" + entry.getName() + "' is " + entry.getSize()
                    + " bytes, more than the " + limits.maxEntrySize() + " allowed for one file");
        }
        Files.createDirectories(out.getParent());
        byte[] buffer = new byte[8192];
        long written = 0;
        try (OutputStream file = Files.newOutputStream(out)) {
            int n;
            while ((n = tar.read(buffer)) > 0) {
                written += n;
                if (written > limits.maxEntrySize()) {
                    throw new RenderException(label + " entry '" + entry.getName() + "' is larger than the "
                            + limits.maxEntrySize() + " bytes allowed for one file");
                }
                file.write(buffer, 0, n);
            }
        }
    }

    /**
     * The entry name as UTF-8. Header names are read as ISO-8859-1 (one char per byte) so that invalid UTF-8 can be
     * detected here: commons-compress would silently replace it with '?'. PAX names arrive already decoded as UTF-8,
     * with U+FFFD for invalid bytes.
     */
    private static String utf8Name(String latin1, String label) throws RenderException {
        boolean ascii = true;
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c == '\uFFFD') {
                throw new RenderException(label + " has an entry whose name is not valid UTF-8");
            }
            if (c > 0xFF) {
                return latin1; // only a PAX name (already UTF-8 decoded) can hold such a char
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            return latin1;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RenderException(label + " entry '" + latin1 + "' has a name that is not valid UTF-8");
        }
    }

    private static boolean causedByBound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BoundExceeded) {
                return true;
            }
        }
        return false;
    }

    /** The entry's path split into components, refusing absolute paths, {@code ..} and undecodable names. */
    private static List<String> checkedPath(String name, String label) throws RenderException {
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new RenderException(label + " entry '" + name + "' has an absolute path");
        }
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            throw new RenderException(label + " entry '" + name + "' has an invalid character");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new RenderException(label + " entry '" + name + "' has a '..' path component");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static void checkType(TarArchiveEntry entry, String label) throws RenderException {
        if (entry.isSymbolicLink() || entry.isLink()) {
            // Helm's own loader refuses links too; following one could read or write outside the chart.
            throw new RenderException(label + " entry '" + entry.getName() + "' is a "
                    + (entry.isSymbolicLink() ? "symbolic" : "hard") + " link to '" + entry.getLinkName()
                    + "'; charts may hold only files and directories");
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            throw new RenderException(label + " entry '" + entry.getName()
                    + "' is a device or pipe; charts may hold only files and directories");
        }
        if (!entry.isFile() && !entry.isDirectory()) {
            throw new RenderException(label + " entry '" + entry.getName() + "' has an unsupported type '"
                    + (char) entry.getLinkFlag() + "'");
        }
    }

    /** An IOException so the tar reader passes it through unchanged. */
    private static final class BoundExceeded extends IOException {
        BoundExceeded() {
            super("decompressed size bound exceeded");
        }
    }

    /** Charges every decompressed byte to the budget, which is what stops a gzip bomb early. */
    private static final class CountingInputStream extends FilterInputStream {
        private final Budget budget;

        CountingInputStream(InputStream in, Budget budget) {
            super(in);
            this.budget = budget;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                budget.addBytes(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                budget.addBytes(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            budget.addBytes(skipped);
            return skipped;
        }
    }
}
