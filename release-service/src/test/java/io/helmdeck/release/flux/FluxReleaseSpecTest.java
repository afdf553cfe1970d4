package io.helmdeck.release.flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.helmdeck.model.LayerSelector;
import org.junit.jupiter.api.Test;

/** Flux mode refuses inputs Flux would misread, and fills Helmdeck's defaults. */
class FluxReleaseSpecTest {

    @Test
    void defaultsFollowProductSpec() {
        FluxReleaseSpec spec = spec(null, 0, null, 10, new FluxSource("OCI://GHCR.io/org/chart", FluxSpecs.DIGEST, false, null));

        assertThat(spec.releaseName()).isEqualTo("podinfo");
        assertThat(spec.upgradeStrategy()).isEqualTo("rollback");
        assertThat(spec.values()).isEmpty();
        assertThat(spec.source().url()).isEqualTo("oci://ghcr.io/org/chart");
        assertThat(spec.source().layerMediaType()).isEqualTo(LayerSelector.DEFAULT_MEDIA_TYPE);
    }

    @Test
    void aSourceMustBePinnedToAFullDigestAndAPlainRepositoryUrl() {
        assertThatThrownBy(() -> new FluxSource(FluxSpecs.URL, "latest", false, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FluxSource(FluxSpecs.URL + ":6.6.1", FluxSpecs.DIGEST, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag");
    }

    @Test
    void valuesWhichFluxWouldReadAsUnlimitedAreRefused() {
        FluxSource source = new FluxSource(FluxSpecs.URL, FluxSpecs.DIGEST, false, null);
        // Flux: negative retries = retry forever, maxHistory 0 = keep everything.
        assertThatThrownBy(() -> spec(null, -1, null, 10, source)).hasMessageContaining("retries");
        assertThatThrownBy(() -> spec(null, 0, null, 0, source)).hasMessageContaining("maxHistory");
        assertThatThrownBy(() -> spec(null, 0, "retry", 10, source)).hasMessageContaining("upgradeStrategy");
    }

    private static FluxReleaseSpec spec(String releaseName, int retries, String strategy, int maxHistory,
            FluxSource source) {
        return new FluxReleaseSpec("team-a", "podinfo", releaseName, "team-a", null, Duration.ofMinutes(5),
                Duration.ofMinutes(5), false, retries, 0, strategy, maxHistory, false, source, null, null,
                null);
    }
}
