package io.helmdeck.release.reconcile.action;

import static io.helmdeck.release.reconcile.FakeRelease.D1;
import static io.helmdeck.release.reconcile.FakeRelease.D2;
import static io.helmdeck.release.reconcile.FakeRelease.revision;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.helmdeck.model.Condition;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.health.HealthStatus;
import io.helmdeck.release.persistence.PendingWait;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.persistence.WaitOptions;
import io.helmdeck.release.reconcile.FakeRelease;
import io.helmdeck.release.reconcile.StatusDraft;
import org.junit.jupiter.api.Test;

/** AwaitReady: a stored wait checked again; still waiting, ready, failed, or past its deadline. */
class AwaitReadyTest {

    static final Instant NOW = FakeRelease.CLOCK.instant();

    @Test
    void stillNotReadyKeepsTheWaitCountsThePollAndSaysWhatItWaitsFor() {
        FakeRelease release = waiting(NOW.plusSeconds(60));
        release.readiness.verdicts.add(HealthStatus.IN_PROGRESS);
        StatusDraft draft = draft(release);

        Outcome outcome = run(release, draft);

        assertThat(outcome).isEqualTo(Outcome.poll(Reasons.PROGRESSING));
        assertThat(draft.waiting.polls()).isEqualTo(4);
        assertThat(draft.waiting.deadline()).as("the stored deadline, not a new one").isEqualTo(NOW.plusSeconds(60));
        assertThat(draft.get(Condition.READY).message())
                .isEqualTo("upgrade: waiting for ConfigMap team-a/demo: 0/1 available");
        assertThat(release.history()).containsExactly("2 upgrade pending-upgrade", "1 install deployed");
    }

    @Test
    void readyRunsThePostHooksAndDeploysTheWaitedRevision() {
        FakeRelease release = waiting(NOW.plusSeconds(60));
        StatusDraft draft = draft(release);

        Outcome outcome = run(release, draft);

        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.UPGRADE_SUCCEEDED));
        assertThat(release.history()).containsExactly("2 upgrade deployed", "1 install superseded");
        assertThat(release.operations.postHooks).containsExactly("post-upgrade");
        assertThat(draft.waiting).isNull();
        assertThat(draft.currentRevision).isEqualTo(2);
    }

    @Test
    void pastItsDeadlineTheUpgradeFailsNamingWhatWasNotReady() {
        FakeRelease release = waiting(NOW.minusSeconds(1));
        release.readiness.verdicts.add(HealthStatus.IN_PROGRESS);
        StatusDraft draft = draft(release);

        Outcome outcome = run(release, draft);

        assertThat(outcome).as("no retries left: the reconcile goes on to remediate")
                .isEqualTo(Outcome.proceed(Reasons.UPGRADE_FAILED));
        assertThat(release.history()).containsExactly("2 upgrade failed", "1 install deployed");
        assertThat(draft.get(Condition.READY).message()).isEqualTo("upgrade to revision 2 failed: timed out after "
                + "300s waiting for readiness: ConfigMap team-a/demo: 0/1 available");
        assertThat(release.operations.postHooks).isEmpty();
        assertThat(draft.waiting).isNull();
    }

    @Test
    void aPreHookStillRunningIsPolledWithItsStoredDeadlineAndNothingIsApplied() {
        FakeRelease release = onPreUpgradeHook(NOW.plusSeconds(60));
        release.operations.hookRunning = true;
        StatusDraft draft = draft(release);

        Outcome outcome = run(release, draft);

        assertThat(outcome).isEqualTo(Outcome.poll(Reasons.PROGRESSING));
        assertThat(draft.waiting.stage()).isEqualTo(PendingWait.PRE_HOOKS);
        assertThat(draft.waiting.deadline()).as("the stored deadline, not a new one").isEqualTo(NOW.plusSeconds(60));
        assertThat(draft.waiting.polls()).isEqualTo(1);
        assertThat(draft.phase).as("the upgrade is under way").isEqualTo("Pending");
        assertThat(draft.get(Condition.READY).message())
                .isEqualTo("upgrade: pre-upgrade hook Job team-a/demo-migrate running");
        assertThat(release.operations.calls).as("the manifest waits for the pre hooks").isEmpty();
        assertThat(release.renderer.renders).as("a poll renders nothing").isEmpty();
    }

    @Test
    void oncePreHooksAreDoneTheManifestIsAppliedThenReadinessAndPostHooksFinishTheUpgrade() {
        FakeRelease release = onPreUpgradeHook(NOW.plusSeconds(60));
        StatusDraft draft = draft(release);

        Outcome outcome = run(release, draft);

        assertThat(release.operations.resumedHooks).containsExactly("pre-upgrade demo-migrate");
        assertThat(release.operations.calls).containsExactly("upgrade");
        assertThat(release.operations.postHooks).containsExactly("post-upgrade");
        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.UPGRADE_SUCCEEDED));
        assertThat(release.history()).containsExactly("2 upgrade deployed", "1 install superseded");
        assertThat(draft.waiting).isNull();
    }

    private static FakeRelease onPreUpgradeHook(Instant deadline) {
        ReleaseState state = FakeRelease.state(List.of(revision(2, D2, "pending-upgrade", RevisionRow.UPGRADE),
                revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)))
                .withWait(WaitOptions.WAIT_FOR_ALL, new PendingWait(2, RevisionRow.UPGRADE, false, 1, 0,
                        NOW.minusSeconds(30), deadline, 0, PendingWait.PRE_HOOKS, 0,
                        new InventoryEntry("batch/v1", "Job", "team-a", "demo-migrate")));
        return new FakeRelease(state);
    }

    private static FakeRelease waiting(Instant deadline) {
        ReleaseState state = FakeRelease.state(List.of(revision(2, D2, "pending-upgrade", RevisionRow.UPGRADE),
                revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)))
                .withWait(WaitOptions.WAIT_FOR_ALL, new PendingWait(2, RevisionRow.UPGRADE, false, 1, 0,
                        NOW.minusSeconds(30), deadline, 3, PendingWait.READY, 0, null));
        return new FakeRelease(state);
    }

    private static StatusDraft draft(FakeRelease release) {
        return new StatusDraft(release.store.release, NOW);
    }

    private static Outcome run(FakeRelease release, StatusDraft draft) {
        return TestActions.awaitReady(release).run(
                FakeRelease.situation(release.store.release, FakeRelease.source(D2), true), draft);
    }
}
