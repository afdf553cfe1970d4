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

/** Upgrade: a new digest for a deployed release; a failure retries while retries are left, then hands over. */
class UpgradeTest {

    @Test
    void aNewDigestBecomesANewRevisionAndSupersedesTheDeployedOne() {
        FakeRelease release = new FakeRelease(FakeRelease.state(List.of(
                revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL))));
        StatusDraft draft = new StatusDraft(release.store.release, FakeRelease.CLOCK.instant());

        Outcome outcome = TestActions.upgrade(release).run(
                FakeRelease.situation(release.store.release, FakeRelease.source(D2), true), draft);

        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.UPGRADE_SUCCEEDED));
        assertThat(release.history()).containsExactly("2 upgrade deployed", "1 install superseded");
        assertThat(draft.lastAppliedRevision).isEqualTo("0.2.0@" + D2);
        assertThat(FakeRelease.condition(draft, Condition.RELEASED)).isEqualTo("True UpgradeSucceeded");
    }

    @Test
    void aFailureWithRetriesLeftAsksForARetryAndOneWithoutLetsTheReconcileGoOnToRemediate() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)),
                1, 0, "rollback");
        FakeRelease release = new FakeRelease(state);
        release.operations.failures = 1;
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome first = TestActions.upgrade(release).run(FakeRelease.situation(state, FakeRelease.source(D2), true),
                draft);

        assertThat(first).isEqualTo(Outcome.retry(Reasons.UPGRADE_FAILED));
        assertThat(draft.upgradeAttempts).isEqualTo(1);
        assertThat(draft.get(Condition.READY).message()).contains("attempt 1 of 2; retrying");

        ReleaseState again = FakeRelease.state(release.store.load(1).await().indefinitely().revisions(), 1, 1,
                "rollback");
        release.operations.failures = 1;
        Outcome second = TestActions.upgrade(release).run(FakeRelease.situation(again, FakeRelease.source(D2), true),
                new StatusDraft(again, FakeRelease.CLOCK.instant()));

        assertThat(second).isEqualTo(Outcome.proceed(Reasons.UPGRADE_FAILED));
        assertThat(release.history()).containsExactly("3 upgrade failed", "2 upgrade failed", "1 install deployed");
    }
}
