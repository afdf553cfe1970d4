package io.helmdeck.release.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helmdeck.model.value.Digest;
import io.helmdeck.release.source.ChartFetchException.Kind;

/** Charts by digest: fetched once from repo-service, then from the local cache; never a byte that does not match. */
class ChartCacheTest {

    private static final byte[] CHART = "pretend this is podinfo-6.5.0.tgz".getBytes(StandardCharsets.UTF_8);
    private static final String DIGEST = Digest.sha256Of(CHART).toString();
    private static final String PATH = "/internal/v1/artifacts/" + DIGEST.replace(":", "%3A");

    @TempDir
    Path cacheDir;

    private final SourceApiDouble repoService = new SourceApiDouble();

    @AfterEach
    void stop() {
        repoService.close();
    }

    private ChartCache cache(long maxBytes) {
        return new ChartCache(repoService.client(),
                SourceApiDouble.charts(cacheDir.toString(), maxBytes));
    }

    @Test
    void aChartIsFetchedOnceThenServedFromTheCacheEvenAfterARestart() throws Exception {
        repoService.answer(PATH, 200, "application/vnd.cncf.helm.chart.content.v1.tar+gzip", CHART);

        assertThat(cache(1_000_000).chart(DIGEST)).isEqualTo(CHART);
        assertThat(cache(1_000_000).chart(DIGEST)).isEqualTo(CHART);
        ChartCache cache = cache(1_000_000);
        assertThat(cache.chart(DIGEST)).isEqualTo(CHART);

        assertThat(repoService.requests()).containsExactly("GET " + PATH);
        assertThat(cacheDir.resolve("sha256-" + DIGEST.substring(7))).hasBinaryContent(CHART);
        assertThat(files()).hasSize(1); // no temp file left behind
    }

    @Test
    void bytesThatDoNotMatchTheDigestAreRejectedAndNotCached() throws IOException {
        repoService.answer(PATH, 200, "application/octet-stream", "tampered".getBytes(StandardCharsets.UTF_8));
        ChartCache cache = cache(1_000_000);

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> cache.chart(DIGEST))
                    .isInstanceOf(ChartFetchException.class)
                    .hasMessageContaining(DIGEST)
                    .extracting(e -> ((ChartFetchException) e).kind()).isEqualTo(Kind.DIGEST_MISMATCH);
        }
        assertThat(repoService.requests()).hasSize(2);
        assertThat(files()).isEmpty();
    }

    @Test
    void aChartOverTheSizeLimitIsRejectedAndNotCached() throws IOException {
        repoService.answer(PATH, 200, "application/octet-stream", CHART);

        assertThatThrownBy(() -> cache(CHART.length - 1).chart(DIGEST))
                .isInstanceOf(ChartFetchException.class)
                .hasMessageContaining("helmdeck.charts.max-bytes")
                .extracting(e -> ((ChartFetchException) e).kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(files()).isEmpty();
    }

    @Test
    void anArtifactRepoServiceDoesNotHaveIsNotFound() {
        assertThatThrownBy(() -> cache(1_000_000).chart(DIGEST))
                .extracting(e -> ((ChartFetchException) e).kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void aServerErrorIsUnavailable() {
        repoService.answerJson(PATH, 503, "{\"status\":503,\"detail\":\"artifact store is busy\"}");

        assertThatThrownBy(() -> cache(1_000_000).chart(DIGEST))
                .hasMessageContaining("503").hasMessageContaining("artifact store is busy")
                .extracting(e -> ((ChartFetchException) e).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void aMalformedDigestIsRejectedWithoutAsking() {
        assertThatThrownBy(() -> cache(1_000_000).chart("sha256:../../etc/passwd"))
                .extracting(e -> ((ChartFetchException) e).kind()).isEqualTo(Kind.INVALID_DIGEST);
        assertThat(repoService.requests()).isEmpty();
    }

    @Test
    void aDamagedCacheFileIsFetchedAgain() throws Exception {
        repoService.answer(PATH, 200, "application/octet-stream", CHART);
        Files.write(cacheDir.resolve("sha256-" + DIGEST.substring(7)), "half a chart".getBytes(StandardCharsets.UTF_8));

        assertThat(cache(1_000_000).chart(DIGEST)).isEqualTo(CHART);
        assertThat(repoService.requests()).hasSize(1);
        assertThat(cacheDir.resolve("sha256-" + DIGEST.substring(7))).hasBinaryContent(CHART);
    }

    private java.util.List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(cacheDir)) {
            return list.toList();
        }
    }
}
