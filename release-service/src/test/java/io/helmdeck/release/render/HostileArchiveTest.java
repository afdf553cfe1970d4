package io.helmdeck.release.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives a registry could serve to attack the renderer: each is refused with its reason, nothing leaks out. */
class HostileArchiveTest {

    @TempDir
    Path tmp;
    Path work;
    ChartRenderer renderer;

    @BeforeEach
    void setUp() {
        work = tmp.resolve("work");
        renderer = new ChartRenderer(TestRenderConfig.defaults(work)
                .withArchive(new TestRenderConfig.Limits(1_000_000, 1_000_000, 3_000_000, 100)));
    }

    @AfterEach
    void nothingWrittenOutsideTheWorkDirAndNothingLeftInIt() throws Exception {
        try (var files = Files.walk(tmp)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("pwned")).toList()).isEmpty();
        }
        if (Files.exists(work)) {
            assertThat(work).isEmptyDirectory();
        }
    }

    private void assertRefused(byte[] archive, String... reason) {
        assertThatThrownBy(() -> renderer.render(new RenderRequest(archive, "shop", "team-a", Map.of(), "v1.31.0", 1,
                false)))
                .isInstanceOf(RenderException.class)
                .message().contains(reason);
    }

    @Test
    void aCleanHandMadeArchiveRenders() throws Exception {
        byte[] archive = new TestCharts.HostileArchive().chart().bytes();
        RenderedRelease release = renderer.render(new RenderRequest(archive, "shop", "team-a", Map.of(), null, 1,
                false));
        assertThat(release.resources()).extracting(ManifestObject::name).containsExactly("cm");
    }

    @Test
    void pathTraversalIsRefused() throws Exception {
        assertRefused(new TestCharts.HostileArchive().chart().file("evil/../../pwned.txt", "x").bytes(),
                "'evil/../../pwned.txt'", "'..' path component");
    }

    @Test
    void absolutePathIsRefused() throws Exception {
        assertRefused(new TestCharts.HostileArchive().chart().file("/tmp/pwned.txt", "x").bytes(),
                "'/tmp/pwned.txt'", "absolute path");
    }

    @Test
    void symlinkIsRefused() throws Exception {
        assertRefused(new TestCharts.HostileArchive().chart()
                        .link("evil/templates/pwned.yaml", "/etc/passwd", TarConstants.LF_SYMLINK).bytes(),
                "'evil/templates/pwned.yaml'", "symbolic link", "/etc/passwd");
    }

    @Test
    void hardlinkIsRefused() throws Exception {
        assertRefused(new TestCharts.HostileArchive().chart()
                        .link("evil/templates/pwned.yaml", "evil/Chart.yaml", TarConstants.LF_LINK).bytes(),
                "hard link");
    }

    @Test
    void deviceIsRefused() throws Exception {
        assertRefused(new TestCharts.HostileArchive().chart()
                        .link("evil/pwned-dev", "", TarConstants.LF_CHR).bytes(),
                "'evil/pwned-dev'", "device");
    }

    @Test
    void decompressionBombIsRefused() throws Exception {
        // Each file is under the per-file cap; together they expand past the total cap (3 MB from a few KB).
        TestCharts.HostileArchive bomb = new TestCharts.HostileArchive().chart();
        for (int i = 0; i < 4; i++) {
            bomb.zeros("evil/files/zero-" + i, 900_000);
        }
        byte[] archive = bomb.bytes();
        assertThat(archive.length).isLessThan(50_000);
        assertRefused(archive, "expands to more than 3000000 bytes", "decompression bomb");
    }

    @Test
    void oversizedFileIsRefused() throws Exception {
        assertRefused(new TestCharts.HostileArchive().chart().zeros("evil/files/big", 1_000_001).bytes(),
                "'evil/files/big'", "more than the 1000000 allowed for one file");
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        TestCharts.HostileArchive many = new TestCharts.HostileArchive().chart();
        for (int i = 0; i < 100; i++) {
            many.file("evil/files/f" + i, "x");
        }
        assertRefused(many.bytes(), "more than 100 entries");
    }

    @Test
    void nonUtf8NameIsRefused() throws Exception {
        String latin1Name = new String("evil/files/caf\u00e9".getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1);
        assertRefused(new TestCharts.HostileArchive().chart().file(latin1Name, "x").bytes(), "not valid UTF-8");
    }

    @Test
    void utf8NameIsAccepted() throws Exception {
        // A raw UTF-8 header name, written byte for byte.
        String utf8AsLatin1 = new String("evil/files/caf\u00e9".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        byte[] archive = new TestCharts.HostileArchive().chart().file(utf8AsLatin1, "x").bytes();
        assertThat(renderer.render(new RenderRequest(archive, "shop", "team-a", Map.of(), null, 1, false))
                .resources()).hasSize(1);
    }

    @Test
    void oversizedArchiveIsRefusedUnread() {
        assertRefused(new byte[1_000_001], "1000001 bytes", "more than the 1000000 allowed");
    }

    @Test
    void notAnArchiveIsRefused() {
        assertRefused("just text".getBytes(StandardCharsets.UTF_8), "not a valid gzip-compressed tar");
    }

    @Test
    void twoTopDirectoriesAreRefused() throws Exception {
        assertRefused(new TestCharts.HostileArchive().chart().file("other/pwned.txt", "x").bytes(),
                "more than one top-level directory");
    }

    @Test
    void traversalInsideASubchartArchiveIsRefused() throws Exception {
        byte[] sub = new TestCharts.HostileArchive()
                .file("sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 1.0.0\n")
                .file("sub/../../../pwned.txt", "x").bytes();
        byte[] archive = new TestCharts.HostileArchive().chart().file("evil/charts/sub-1.0.0.tgz", sub).bytes();
        assertRefused(archive, "subchart archive evil/charts/sub-1.0.0.tgz", "'..' path component");
    }

    @Test
    void bombSpreadOverSubchartArchivesIsRefused() throws Exception {
        // Every archive stays under the total cap alone; the cap holds for the chart as a whole.
        TestCharts.HostileArchive outer = new TestCharts.HostileArchive().chart();
        for (int i = 0; i < 4; i++) {
            byte[] sub = new TestCharts.HostileArchive()
                    .file("sub" + i + "/Chart.yaml", "apiVersion: v2\nname: sub" + i + "\nversion: 1.0.0\n")
                    .zeros("sub" + i + "/files/zero", 900_000).bytes();
            outer.file("evil/charts/sub" + i + "-1.0.0.tgz", sub);
        }
        assertRefused(outer.bytes(), "decompression bomb");
    }
}
