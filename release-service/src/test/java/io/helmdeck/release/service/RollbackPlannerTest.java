package io.helmdeck.release.service;

import io.helmdeck.model.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.helmdeck.release.persistence.RevisionSummary;

/** Which revision a rollback goes to, and when there is none. */
class RollbackPlannerTest {

    private static RevisionSummary rev(int n, String status) {
        return new RevisionSummary(n, "podinfo", "6.5." + n, "6.5.0", null, null, null, status, "upgrade", null,
                Instant.EPOCH, Instant.EPOCH);
    }

    // Newest first, as the store returns them: 4 failed, 3 deployed, 2 failed, 1 superseded.
    private static final List<RevisionSummary> KEPT = List.of(rev(4, "failed"), rev(3, "deployed"),
            rev(2, "failed"), rev(1, "superseded"));

    @Test
    void withoutARevisionTheNewestSuccessfulOneBelowTheCurrentIsChosen() {
        assertThat(RollbackPlanner.target(KEPT, 3, null)).isEqualTo(1);
    }

    @Test
    void anExplicitKeptRevisionOtherThanTheCurrentIsAccepted() {
        assertThat(RollbackPlanner.target(KEPT, 3, 2)).isEqualTo(2);
    }

    @Test
    void theCurrentRevisionIsRejected() {
        assertThatThrownBy(() -> RollbackPlanner.target(KEPT, 3, 3))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.violations().get(0).field()).isEqualTo("revision");
                    assertThat(e.violations().get(0).message()).contains("current");
                });
    }

    @Test
    void aRevisionOutsideTheKeptHistoryIsRejected() {
        assertThatThrownBy(() -> RollbackPlanner.target(KEPT, 3, 9))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations().get(0).message())
                        .contains("not in the kept history").contains("1 to 4"));
        assertThatThrownBy(() -> RollbackPlanner.target(KEPT, 3, 0)).isInstanceOf(ProblemException.class);
    }

    @Test
    void noPreviousSuccessfulRevisionIsA422() {
        assertThatThrownBy(() -> RollbackPlanner.target(List.of(rev(2, "deployed"), rev(1, "failed")), 2, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations().get(0).message())
                        .contains("no previous successful revision"));
        assertThatThrownBy(() -> RollbackPlanner.target(List.of(), null, null)).isInstanceOf(ProblemException.class);
    }

    @Test
    void withNothingDeployedTheNewestSuccessfulRevisionIsChosen() {
        assertThat(RollbackPlanner.target(List.of(rev(3, "failed"), rev(2, "superseded"), rev(1, "superseded")),
                null, null)).isEqualTo(2);
    }
}
