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

/** Deletion: hooks around the deletion of the inventory, Helm's record, then the rows. */
class UninstallTest {

    @Test
    void deletesTheObjectsWithTheirHooksThenTheRows() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = new Uninstall(release.renderer, release.operations, release.ledger).run(
                FakeRelease.situation(state, null, true), draft);

        assertThat(outcome.then()).isEqualTo(Outcome.Then.GONE);
        assertThat(release.operations.calls).containsExactly("uninstall 1 with hooks");
        assertThat(release.helm.calls).containsExactly("delete all");
        assertThat(release.store.deleted).isTrue();
    }

    @Test
    void withoutAClusterNothingIsDeletedAndTheReleaseStaysUninstalling() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = new Uninstall(release.renderer, release.operations, release.ledger).run(
                FakeRelease.situation(state, null, false), draft);

        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.CLUSTER_UNAVAILABLE));
        assertThat(draft.phase).isEqualTo("Uninstalling");
        assertThat(release.store.deleted).isFalse();
    }
}
