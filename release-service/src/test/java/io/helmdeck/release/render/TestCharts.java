package io.helmdeck.release.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.marcnuri.helm.Helm;

/** Charts for the render tests: Helm's own scaffold plus files, packaged by Helm; and hand-made hostile archives. */
final class TestCharts {

    private TestCharts() {
    }

    /** {@code helm create <name>} in {@code dir}; returns the chart directory. */
    static Path scaffold(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Helm.create().withName(name).withDir(dir).call();
        return dir.resolve(name);
    }

    static void write(Path chart, String file, String content) throws IOException {
        Path target = chart.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, content, StandardCharsets.UTF_8);
    }

    static void append(Path chart, String file, String content) throws IOException {
        Files.writeString(chart.resolve(file), Files.readString(chart.resolve(file)) + content,
                StandardCharsets.UTF_8);
    }

    /** {@code helm package}; returns the .tgz's path. */
    static Path packageChart(Path chart, Path destination) throws IOException {
        Files.createDirectories(destination);
        new Helm(chart).packageIt().withDestination(destination).call();
        try (var files = Files.list(destination)) {
            String prefix = chart.getFileName() + "-";
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".tgz")).findFirst().orElseThrow();
        }
    }

    static byte[] packageBytes(Path chart, Path destination) throws IOException {
        return Files.readAllBytes(packageChart(chart, destination));
    }

    /** Builds a .tgz entry by entry, including entries Helm would never write. */
    static final class HostileArchive {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar;

        HostileArchive() throws IOException {
            tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes), "ISO-8859-1");
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        /** A minimal valid chart {@code evil} to hide the hostile entries in. */
        HostileArchive chart() throws IOException {
            return file("evil/Chart.yaml", "apiVersion: v2\nname: evil\nversion: 1.0.0\n")
                    .file("evil/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
        }

        HostileArchive file(String name, String content) throws IOException {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        HostileArchive file(String name, byte[] content) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
            return this;
        }

        /** A file of {@code size} zero bytes, written in chunks so the test needs no big array. */
        HostileArchive zeros(String name, long size) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(size);
            tar.putArchiveEntry(entry);
            byte[] chunk = new byte[64 * 1024];
            for (long left = size; left > 0; left -= chunk.length) {
                tar.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            tar.closeArchiveEntry();
            return this;
        }

        HostileArchive link(String name, String target, byte type) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
            entry.setLinkName(target);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            tar.close();
            return bytes.toByteArray();
        }
    }
}
