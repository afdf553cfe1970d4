package io.helmdeck.release.reconcile.action;

import static io.helmdeck.release.reconcile.FakeRelease.D1;
import static io.helmdeck.release.reconcile.FakeRelease.D2;
import static io.helmdeck.release.reconcile.FakeRelease.revision;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.config.DeployConfig;
import io.helmdeck.release.kube.HelmRevisionStatus;
import io.helmdeck.release.kube.HelmStatus;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.FakeRelease;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import org.junit.jupiter.api.Test;

/** A revision a crash left pending: marked failed ("interrupted"), and the reconcile goes on. */
class FinishInterruptedTest {

    @Test
    void marksThePendingRevisionFailedHereAndInHelmsRecordAndLetsTheReconcileGoOn() {
        ReleaseState state = FakeRelease.state(List.of(revision(2, D2, "pending-upgrade", RevisionRow.UPGRADE),
                revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = new FinishInterrupted(release.ledger).run(
                FakeRelease.situation(state, null, true), draft);

        assertThat(outcome.then()).isEqualTo(Outcome.Then.CONTINUE);
        assertThat(release.history()).containsExactly("2 upgrade failed", "1 install deployed");
        assertThat(release.store.descriptions.get(2)).contains("interrupted");
        assertThat(release.helm.calls).containsExactly("mark 2 failed");
        assertThat(draft.upgradeAttempts).as("not a failed attempt").isZero();
        assertThat(draft.failures).isZero();
        assertThat(draft.get(Condition.RECOVERED).reason()).isEqualTo(Reasons.INTERRUPTED);
    }

    @Test
    void helmsRecordStuckPendingOnARevisionHelmdeckFinishedGetsHelmdecksStatusBack() {
        ReleaseState state = FakeRelease.state(List.of(revision(2, D2, RevisionRow.DEPLOYED, RevisionRow.UPGRADE),
                revision(1, D1, RevisionRow.SUPERSEDED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        // The process died between recording revision 2 deployed and rewriting Helm's record of it.
        release.helm.stuck = new HelmRevisionStatus(2, HelmStatus.PENDING_UPGRADE);
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = new FinishInterrupted(release.ledger).run(new Situation(state,
                DeployConfig.Mode.direct, true, "test API server", null, List.of(), release.helm.stuck), draft);

        assertThat(outcome.then()).isEqualTo(Outcome.Then.CONTINUE);
        assertThat(outcome.reason()).isEqualTo(Reasons.PENDING_RELEASE_UNLOCKED);
        assertThat(release.helm.calls).containsExactly("mark 2 deployed");
        assertThat(release.history()).as("Helmdeck's history is the record of truth")
                .containsExactly("2 upgrade deployed", "1 install superseded");
        assertThat(draft.get(Condition.RECOVERED).reason()).isEqualTo(Reasons.PENDING_RELEASE_UNLOCKED);
    }
}
