package io.helmdeck.release.flux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.helmdeck.release.flux.FluxReleaseStatus.Ready;
import org.junit.jupiter.api.Test;

/**
 * Generation rules of the status read-back. The fabric8 mock never bumps {@code metadata.generation} on update (a
 * real API server does on every spec change), so these cases use hand-built objects.
 */
class FluxStatusMapperTest {

    @Test
    void aReadyVerdictForAnOlderGenerationMeansFluxHasNotCaughtUp() {
        GenericKubernetesResource release = helmRelease(2L, ready("True", 1L));

        FluxReleaseStatus status = FluxStatusMapper.map(release, null);

        assertThat(status.ready()).isEqualTo(Ready.UNKNOWN);
        assertThat(status.reason()).isEqualTo("Progressing");
        assertThat(status.message()).contains("older generation");
    }

    @Test
    void aVerdictForTheCurrentGenerationCounts() {
        FluxReleaseStatus status = FluxStatusMapper.map(helmRelease(2L, ready("False", 2L)), null);

        assertThat(status.ready()).isEqualTo(Ready.FALSE);
        assertThat(status.reason()).isEqualTo("UpgradeFailed");
    }

    @Test
    void withoutObservedGenerationTheVerdictIsTaken() {
        assertThat(FluxStatusMapper.map(helmRelease(3L, ready("True", null)), null).ready()).isEqualTo(Ready.TRUE);
    }

    @Test
    void aStaleSourceFailureDoesNotFailTheRelease() {
        GenericKubernetesResource source = helmRelease(4L, ready("False", 3L));

        FluxReleaseStatus status = FluxStatusMapper.map(helmRelease(1L, null), source);

        assertThat(status.ready()).isEqualTo(Ready.UNKNOWN);
    }

    @Test
    void aFailingSourceExplainsAReleaseWhoseVerdictIsStale() {
        GenericKubernetesResource source = helmRelease(2L, ready("False", 2L));

        FluxReleaseStatus status = FluxStatusMapper.map(helmRelease(2L, ready("True", 1L)), source);

        assertThat(status.ready()).isEqualTo(Ready.FALSE);
        assertThat(status.message()).startsWith("source: ");
    }

    @Test
    void aReleaseBeingDeletedSaysSo() {
        GenericKubernetesResource release = helmRelease(1L, ready("True", 1L));
        release.getMetadata().setDeletionTimestamp("2026-11-24T10:00:00Z");

        assertThat(FluxStatusMapper.map(release, null).deleting()).isTrue();
    }

    private static GenericKubernetesResource helmRelease(Long generation, Map<String, Object> readyCondition) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                .withApiVersion(FluxObjects.HELM_API_VERSION).withKind(FluxObjects.HELM_RELEASE_KIND)
                .withNewMetadata().withName("t-r-0123456789").withNamespace("flux-system").withGeneration(generation)
                .endMetadata().build();
        if (readyCondition != null) {
            r.setAdditionalProperty("status", Map.of("conditions", List.of(readyCondition)));
        }
        return r;
    }

    private static Map<String, Object> ready(String status, Long observedGeneration) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", "Ready");
        c.put("status", status);
        c.put("reason", "True".equals(status) ? "UpgradeSucceeded" : "UpgradeFailed");
        c.put("message", "m");
        c.put("lastTransitionTime", "2026-11-24T10:00:00Z");
        if (observedGeneration != null) {
            c.put("observedGeneration", observedGeneration);
        }
        return c;
    }
}
