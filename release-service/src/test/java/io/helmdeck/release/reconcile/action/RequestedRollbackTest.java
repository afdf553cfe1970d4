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

/** A user's rollback: to a kept revision, as a new revision; the request is consumed either way. */
class RequestedRollbackTest {

    @Test
    void rollsBackToThePreviousSuccessfulRevisionAndMarksTheReplacedOneRolledBack() {
        ReleaseState state = withRollbackTo(FakeRelease.state(List.of(
                revision(2, D2, RevisionRow.DEPLOYED, RevisionRow.UPGRADE),
                revision(1, D1, RevisionRow.SUPERSEDED, RevisionRow.INSTALL))), 0);
        FakeRelease release = new FakeRelease(state);
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = new RequestedRollback(TestActions.rollbacks(release)).run(
                FakeRelease.situation(state, null, true), draft);

        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.ROLLBACK_SUCCEEDED).consumingRollback());
        assertThat(release.history()).containsExactly("3 rollback deployed", "2 upgrade rolled-back",
                "1 install superseded");
        assertThat(draft.phase).isEqualTo("Deployed");
    }

    @Test
    void aRevisionNoLongerKeptIsReportedOnceAndTheRequestCleared() {
        ReleaseState state = withRollbackTo(FakeRelease.state(List.of(
                revision(2, D2, RevisionRow.DEPLOYED, RevisionRow.UPGRADE))), 1);
        FakeRelease release = new FakeRelease(state);
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = new RequestedRollback(TestActions.rollbacks(release)).run(
                FakeRelease.situation(state, null, true), draft);

        assertThat(outcome.consumedRollback()).isTrue();
        assertThat(FakeRelease.condition(draft, Condition.RELEASED)).isEqualTo("False RollbackFailed");
        assertThat(release.history()).containsExactly("2 upgrade deployed");
    }

    static ReleaseState withRollbackTo(ReleaseState r, int to) {
        return new ReleaseState(r.id(), r.tenant(), r.name(), r.sourceType(), r.sourceName(), r.releaseName(),
                r.targetNamespace(), r.values(), r.interval(), r.timeout(), r.createNamespace(), r.installRetries(),
                r.upgradeRetries(), r.upgradeStrategy(), r.maxHistory(), r.suspend(), r.version(), null, r.phase(),
                r.conditions(), r.lastAppliedRevision(), r.lastAttemptedRevision(), r.currentRevision(),
                r.inventory(), r.failures(), r.observedVersion(), to, r.installAttempts(), r.upgradeAttempts(),
                r.dueAt(), r.revisions()).withAccess(r.policy(), r.identity());
    }
}
