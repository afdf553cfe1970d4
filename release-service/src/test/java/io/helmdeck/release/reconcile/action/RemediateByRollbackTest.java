package io.helmdeck.release.reconcile.action;

import static io.helmdeck.release.reconcile.FakeRelease.D1;
import static io.helmdeck.release.reconcile.FakeRelease.D2;
import static io.helmdeck.release.reconcile.FakeRelease.revision;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.FakeRelease;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import org.junit.jupiter.api.Test;

/** Remediation by rollback after a failed upgrade: Remediated=True, the failed attempt stays on Ready. */
class RemediateByRollbackTest {

    @Test
    void deploysTheLastGoodRevisionAgainAndDeletesWhatOnlyTheFailedAttemptHad() {
        ReleaseState state = FakeRelease.state(List.of(
                new RevisionRow(2, "demo", "0.2.0", "2.0", "0.2.0@" + D2, D2, java.util.Map.of(), "v", List.of(
                        new io.helmdeck.model.InventoryEntry("v1", "Secret", "team-a", "extra")), "failed", "upgrade"),
                revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());
        draft.phase("Failed").ready(false, Reasons.UPGRADE_FAILED, "upgrade to revision 2 failed");

        Outcome outcome = new RemediateByRollback(TestActions.rollbacks(release)).run(
                FakeRelease.situation(state, FakeRelease.source(D2), true), draft);

        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.ROLLBACK_SUCCEEDED));
        assertThat(release.history()).containsExactly("3 rollback deployed", "2 upgrade failed",
                "1 install superseded");
        assertThat(FakeRelease.condition(draft, Condition.REMEDIATED)).isEqualTo("True RollbackSucceeded");
        assertThat(FakeRelease.condition(draft, Condition.READY)).isEqualTo("False UpgradeFailed");
        assertThat(RemediateByUninstall.touchedByFailedAttempt(state)).extracting(e -> e.name())
                .containsExactly("demo", "extra");
    }
}
