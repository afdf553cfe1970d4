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

/** Remediation by uninstall after a failed install: everything it touched goes, Helm's record too. */
class RemediateByUninstallTest {

    @Test
    void deletesWhatTheFailedInstallRenderedAndClearsTheInventory() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.FAILED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = new RemediateByUninstall(release.operations, release.ledger).run(
                FakeRelease.situation(state, FakeRelease.source(D1), true), draft);

        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.UNINSTALL_SUCCEEDED));
        assertThat(release.operations.calls).containsExactly("delete [demo]");
        assertThat(release.helm.calls).containsExactly("delete all");
        assertThat(draft.inventory).isEmpty();
        assertThat(draft.currentRevision).isNull();
        assertThat(FakeRelease.condition(draft, Condition.REMEDIATED)).isEqualTo("True UninstallSucceeded");
    }

    @Test
    void aDeleteTheClusterRefusesIsReportedOnRemediated() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.FAILED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        release.operations.failures = 1;
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        new RemediateByUninstall(release.operations, release.ledger).run(
                FakeRelease.situation(state, FakeRelease.source(D1), true), draft);

        assertThat(FakeRelease.condition(draft, Condition.REMEDIATED)).isEqualTo("False UninstallFailed");
        assertThat(release.helm.calls).isEmpty();
    }
}
