package io.helmdeck.release.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.helmdeck.model.InventoryEntry;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import org.junit.jupiter.api.Test;

/** The decisions that make upgrades automatic but remediation and manual rollbacks stick. */
class ReleasePlanTest {

    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);
    private static final String V = "sha256:" + "a".repeat(64);
    private static final String V2 = "sha256:" + "b".repeat(64);

    @Test
    void nothingDeployedMeansInstallAsFirstAttempt() {
        ReleasePlan plan = ReleasePlan.decide(state(List.of(), 0, 0, 0, 0, 1L), D1, V);
        assertThat(plan).isEqualTo(new ReleasePlan.Deploy(false, 1, 0));
    }

    @Test
    void deployedWithSameDigestAndValuesIsCurrent() {
        ReleasePlan plan = ReleasePlan.decide(state(List.of(rev(1, D1, V, "deployed", "install")), 0, 0, 0, 0, 1L),
                D1, V);
        assertThat(plan).isInstanceOf(ReleasePlan.Current.class);
    }

    @Test
    void newDigestOrNewValuesUpgrades() {
        ReleaseState s = state(List.of(rev(1, D1, V, "deployed", "install")), 0, 2, 0, 0, 1L);
        assertThat(ReleasePlan.decide(s, D2, V)).isEqualTo(new ReleasePlan.Deploy(true, 1, 2));
        assertThat(ReleasePlan.decide(s, D1, V2)).isEqualTo(new ReleasePlan.Deploy(true, 1, 2));
    }

    @Test
    void failedUpgradeIsRetriedUntilRetriesAreUsedThenLeftAlone() {
        List<RevisionRow> revs = List.of(rev(2, D2, V, "failed", "upgrade"), rev(1, D1, V, "deployed", "install"));
        assertThat(ReleasePlan.decide(state(revs, 0, 2, 0, 1, 1L), D2, V))
                .isEqualTo(new ReleasePlan.Deploy(true, 2, 2));
        assertThat(ReleasePlan.decide(state(revs, 0, 2, 0, 2, 1L), D2, V))
                .isEqualTo(new ReleasePlan.Deploy(true, 3, 2));
        assertThat(ReleasePlan.decide(state(revs, 0, 2, 0, 3, 1L), D2, V)).isInstanceOf(ReleasePlan.Current.class);
    }

    @Test
    void aSpecChangeStartsTheAttemptsAgain() {
        List<RevisionRow> revs = List.of(rev(2, D2, V, "failed", "upgrade"), rev(1, D1, V, "deployed", "install"));
        ReleaseState changed = state(revs, 0, 0, 0, 1, 2L);
        assertThat(ReleasePlan.decide(changed, D2, V)).isEqualTo(new ReleasePlan.Deploy(true, 1, 0));
    }

    @Test
    void afterARollbackFromTheseInputsTheReleaseStaysRolledBack() {
        List<RevisionRow> revs = List.of(rev(3, D1, V, "deployed", "rollback"), rev(2, D2, V, "rolled-back", "upgrade"),
                rev(1, D1, V, "superseded", "install"));
        assertThat(ReleasePlan.decide(state(revs, 0, 0, 0, 0, 1L), D2, V)).isInstanceOf(ReleasePlan.Current.class);
    }

    @Test
    void aNewDigestAfterARollbackUpgradesAgain() {
        List<RevisionRow> revs = List.of(rev(3, D1, V, "deployed", "rollback"), rev(2, D2, V, "rolled-back", "upgrade"),
                rev(1, D1, V, "superseded", "install"));
        String d3 = "sha256:" + "3".repeat(64);
        assertThat(ReleasePlan.decide(state(revs, 0, 0, 0, 0, 1L), d3, V))
                .isEqualTo(new ReleasePlan.Deploy(true, 1, 0));
    }

    @Test
    void installRemediatedByUninstallIsNotRetriedForTheSameInputs() {
        List<RevisionRow> revs = List.of(rev(1, D1, V, "failed", "install"));
        assertThat(ReleasePlan.decide(state(revs, 0, 0, 1, 0, 1L), D1, V)).isInstanceOf(ReleasePlan.Current.class);
        assertThat(ReleasePlan.decide(state(revs, 0, 0, 1, 0, 1L), D2, V))
                .isEqualTo(new ReleasePlan.Deploy(false, 1, 0));
    }

    private static RevisionRow rev(int n, String digest, String values, String status, String action) {
        return new RevisionRow(n, "demo", "0.1." + n, "1.0", "0.1." + n + "@" + digest, digest, Map.of(), values,
                List.<InventoryEntry>of(), status, action);
    }

    private static ReleaseState state(List<RevisionRow> revisions, int installRetries, int upgradeRetries,
            int installAttempts, int upgradeAttempts, long version) {
        return new ReleaseState(1, "team-a", "demo", "OCIRepository", "demo", "demo", "team-a", Map.of(),
                Duration.ofMinutes(5), Duration.ofMinutes(5), false, installRetries, upgradeRetries, "rollback", 10,
                false, version, null, "Deployed", List.of(), null, null, null, List.of(), 0, 1L, null,
                installAttempts, upgradeAttempts, Instant.EPOCH, revisions);
    }
}
