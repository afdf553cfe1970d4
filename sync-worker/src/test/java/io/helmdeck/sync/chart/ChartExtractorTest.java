package io.helmdeck.sync.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

import io.helmdeck.model.ChartMetadata;
import io.helmdeck.model.Reasons;

/** Hostile and broken chart archives are refused before anything in them is trusted. */
class ChartExtractorTest {

    static final String CHART_YAML = """
            apiVersion: v2
            name: demo
            version: 1.2.3
            appVersion: "4.5"
            description: Demo chart
            type: application
            kubeVersion: ">=1.23.0-0"
            icon: https://example.com/i.png
            dependencies:
              - name: common
                version: 2.x.x
                repository: oci://registry.example.com/charts
            """;

    final ChartExtractor extractor = new ChartExtractor(1024 * 1024, 100);

    @Test
    void readsChartYamlOfTheTopDirectoryNotOfSubcharts() {
        byte[] archive = tgz(tar -> {
            dir(tar, "demo/");
            file(tar, "demo/charts/common/Chart.yaml", "name: common\nversion: 2.1.0\n");
            file(tar, "demo/Chart.yaml", CHART_YAML);
            file(tar, "demo/values.yaml", "replicas: 1\n");
            symlink(tar, "demo/templates/values-link.yaml", "../values.yaml");
        });

        ChartMetadata chart = extractor.extract(archive);

        assertThat(chart).isEqualTo(new ChartMetadata("demo", "1.2.3", "4.5", "Demo chart",
                "https://example.com/i.png", ">=1.23.0-0", "application", java.util.List.of(
                        new io.helmdeck.model.ChartDependency("common", "2.x.x",
                                "oci://registry.example.com/charts"))));
    }

    @Test
    void pathTraversalIsRefused() {
        assertInvalid(tgz(tar -> {
            file(tar, "demo/Chart.yaml", CHART_YAML);
            file(tar, "demo/../../etc/cron.d/evil", "x");
        }), "'..'");
    }

    @Test
    void absolutePathIsRefused() {
        assertInvalid(tgz(tar -> {
            file(tar, "demo/Chart.yaml", CHART_YAML);
            file(tar, "/etc/passwd", "x");
        }), "absolute path");
    }

    @Test
    void symlinkOutOfTheChartIsRefused() {
        assertInvalid(tgz(tar -> {
            file(tar, "demo/Chart.yaml", CHART_YAML);
            symlink(tar, "demo/templates/secret.yaml", "../../../etc/shadow");
        }), "outside the chart");
    }

    @Test
    void absoluteSymlinkIsRefused() {
        assertInvalid(tgz(tar -> {
            file(tar, "demo/Chart.yaml", CHART_YAML);
            symlink(tar, "demo/templates/secret.yaml", "/etc/shadow");
        }), "outside the chart");
    }

    @Test
    void hardLinkOutOfTheChartIsRefused() {
        assertInvalid(tgz(tar -> {
            file(tar, "demo/Chart.yaml", CHART_YAML);
            TarArchiveEntry link = new TarArchiveEntry("demo/templates/x.yaml", TarConstants.LF_LINK);
            link.setLinkName("other/file");
            put(tar, link, null);
        }), "outside the chart");
    }

    @Test
    void deviceFileIsRefused() {
        assertInvalid(tgz(tar -> {
            file(tar, "demo/Chart.yaml", CHART_YAML);
            put(tar, new TarArchiveEntry("demo/null", TarConstants.LF_CHR), null);
        }), "device");
    }

    @Test
    void secondTopLevelDirectoryIsRefused() {
        assertInvalid(tgz(tar -> {
            file(tar, "demo/Chart.yaml", CHART_YAML);
            file(tar, "other/Chart.yaml", CHART_YAML);
        }), "more than one top-level directory");
    }

    @Test
    void missingChartYamlIsRefused() {
        assertInvalid(tgz(tar -> file(tar, "demo/values.yaml", "a: 1\n")), "no demo/Chart.yaml");
    }

    @Test
    void chartYamlWithoutVersionIsRefused() {
        assertInvalid(tgz(tar -> file(tar, "demo/Chart.yaml", "name: demo\n")), "version");
    }

    @Test
    void gzipBombIsStoppedAtTheBound() {
        byte[] bomb = tgz(tar -> {
            file(tar, "demo/Chart.yaml", CHART_YAML);
            TarArchiveEntry big = new TarArchiveEntry("demo/zeros");
            big.setSize(64L * 1024 * 1024);
            try {
                tar.putArchiveEntry(big);
                byte[] zeros = new byte[1024 * 1024];
                for (int i = 0; i < 64; i++) {
                    tar.write(zeros);
                }
                tar.closeArchiveEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(bomb.length).isLessThan(200 * 1024);
        long start = System.nanoTime();

        assertInvalid(bomb, "decompression bomb");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void tooManyEntriesAreRefused() {
        assertInvalid(tgz(tar -> {
            file(tar, "demo/Chart.yaml", CHART_YAML);
            for (int i = 0; i < 150; i++) {
                file(tar, "demo/templates/t" + i + ".yaml", "");
            }
        }), "more than 100 entries");
    }

    @Test
    void somethingElseThanGzipIsRefused() {
        assertInvalid("not a chart".getBytes(StandardCharsets.UTF_8), "not a valid gzip-compressed tar");
    }

    @Test
    void streamsWithoutNeedingTheWholeArchiveInMemory() {
        byte[] archive = tgz(tar -> file(tar, "demo/Chart.yaml", CHART_YAML));
        InputStream in = new java.io.ByteArrayInputStream(archive);
        assertThat(extractor.extract(in).name()).isEqualTo("demo");
    }

    private void assertInvalid(byte[] archive, String messagePart) {
        assertThatThrownBy(() -> extractor.extract(archive))
                .isInstanceOfSatisfying(InvalidChartException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reasons.INVALID_CHART))
                .hasMessageContaining(messagePart);
    }

    static byte[] tgz(Consumer<TarArchiveOutputStream> content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            content.accept(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void dir(TarArchiveOutputStream tar, String name) {
        put(tar, new TarArchiveEntry(name), null);
    }

    static void file(TarArchiveOutputStream tar, String name, String content) {
        // TarArchiveEntry would normalise a leading '/' away; the raw-name constructor keeps hostile names intact.
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        entry.setSize(bytes.length);
        put(tar, entry, bytes);
    }

    static void symlink(TarArchiveOutputStream tar, String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        entry.setLinkName(target);
        put(tar, entry, null);
    }

    static void put(TarArchiveOutputStream tar, TarArchiveEntry entry, byte[] content) {
        try {
            tar.putArchiveEntry(entry);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
