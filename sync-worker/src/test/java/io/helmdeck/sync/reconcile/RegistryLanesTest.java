package io.helmdeck.sync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.helmdeck.sync.reconcile.RegistryLanes.Admission;

class RegistryLanesTest {

    @Test
    void aRegistryRunsItsShareQueuesAsManyAgainAndIsFullThen() {
        RegistryLanes<String> lanes = new RegistryLanes<>(2, 1);
        assertThat(lanes.capacity()).isEqualTo(3);
        assertThat(lanes.offer("a", "a1")).isEqualTo(Admission.START);
        assertThat(lanes.offer("a", "a2")).isEqualTo(Admission.START);
        assertThat(lanes.offer("b", "b1")).isEqualTo(Admission.START);
        assertThat(lanes.full()).isEmpty();
        assertThat(lanes.offer("a", "a3")).isEqualTo(Admission.QUEUED);
        assertThat(lanes.full()).containsExactly("a");
        assertThat(lanes.offer("a", "a4")).isEqualTo(Admission.REFUSED);

        assertThat(lanes.finished("a")).contains("a3");
        assertThat(lanes.full()).isEmpty();
        assertThat(lanes.finished("a")).isEmpty();
        assertThat(lanes.finished("a")).isEmpty();
        assertThat(lanes.offer("a", "a5")).isEqualTo(Admission.START);
    }
}
