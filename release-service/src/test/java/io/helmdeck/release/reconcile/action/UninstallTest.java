package io.helmdeck.release.reconcile.action;

import static io.helmdeck.release.reconcile.FakeRelease.D1;
import static io.helmdeck.release.reconcile.FakeRelease.revision;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.helmdeck.model.Condition;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.persistence.PendingWait;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.persistence.WaitOptions;
import io.helmdeck.release.reconcile.FakeRelease;
import io.helmdeck.release.reconcile.StatusDraft;
import org.junit.jupiter.api.Test;

/**
 * Deletion: pre-delete hooks, the inventory deleted, post-delete hooks, Helm's record, then the rows; a delete hook
 * still running is a stored wait the next reconcile resumes (ADR 0029), not a slot held.
 */
class UninstallTest {

    static final Instant NOW = FakeRelease.CLOCK.instant();
    static final InventoryEntry CLEANUP = new InventoryEntry("batch/v1", "Job", "team-a", "demo-cleanup");

    @Test
    void deletesTheObjectsBetweenTheirDeleteHooksThenTheRows() {
        FakeRelease release = new FakeRelease(deployed());

        Outcome outcome = run(release, draft(release));

        assertThat(outcome.then()).isEqualTo(Outcome.Then.GONE);
        assertThat(release.operations.calls).containsExactly("delete [demo]");
        assertThat(release.operations.postHooks).containsExactly("post-delete");
        assertThat(release.helm.calls).containsExactly("delete all");
        assertThat(release.store.deleted).isTrue();
    }

    @Test
    void aPreDeleteHookStillRunningEndsTheReconcileWithAStoredWaitAndDeletesNothing() {
        FakeRelease release = new FakeRelease(deployed());
        release.operations.startsRunning = "pre-delete";
        StatusDraft draft = draft(release);

        Outcome outcome = run(release, draft);

        assertThat(outcome).isEqualTo(Outcome.poll(Reasons.PROGRESSING));
        assertThat(draft.phase).isEqualTo("Uninstalling");
        assertThat(draft.get(Condition.READY).message())
                .isEqualTo("uninstall: pre-delete hook Job team-a/demo-pre-delete running");
        assertThat(draft.waiting.action()).isEqualTo(RevisionRow.UNINSTALL);
        assertThat(draft.waiting.stage()).isEqualTo(PendingWait.PRE_HOOKS);
        assertThat(draft.waiting.deadline()).as("the release's timeout per hook").isEqualTo(NOW.plusSeconds(300));
        assertThat(release.operations.calls).as("the objects wait for the pre-delete hooks").isEmpty();
        assertThat(release.helm.calls).isEmpty();
        assertThat(release.store.deleted).isFalse();
    }

    @Test
    void aStoredPreDeleteHookStillRunningIsPolledWithoutRenderingAnything() {
        FakeRelease release = new FakeRelease(onHook(PendingWait.PRE_HOOKS, NOW.plusSeconds(60)));
        release.operations.hookRunning = true;
        StatusDraft draft = draft(release);

        Outcome outcome = run(release, draft);

        assertThat(outcome).isEqualTo(Outcome.poll(Reasons.PROGRESSING));
        assertThat(draft.waiting.polls()).isEqualTo(1);
        assertThat(draft.waiting.deadline()).as("the stored deadline, not a new one").isEqualTo(NOW.plusSeconds(60));
        assertThat(draft.phase).isEqualTo("Uninstalling");
        assertThat(release.renderer.renders).as("a poll renders nothing").isEmpty();
        assertThat(release.operations.calls).isEmpty();
    }

    @Test
    void onceThePreDeleteHookIsDoneTheObjectsGoThenThePostDeleteHooksAndTheRows() {
        FakeRelease release = new FakeRelease(onHook(PendingWait.PRE_HOOKS, NOW.plusSeconds(60)));
        StatusDraft draft = draft(release);

        Outcome outcome = run(release, draft);

        assertThat(release.operations.resumedHooks).containsExactly("pre-delete demo-cleanup");
        assertThat(release.operations.calls).containsExactly("delete [demo]");
        assertThat(release.operations.postHooks).containsExactly("post-delete");
        assertThat(outcome.then()).isEqualTo(Outcome.Then.GONE);
        assertThat(release.store.deleted).isTrue();
    }

    @Test
    void aPostDeleteHookStillRunningKeepsTheRowsWithAnEmptyInventory() {
        FakeRelease release = new FakeRelease(deployed());
        release.operations.startsRunning = "post-delete";
        StatusDraft draft = draft(release);

        Outcome outcome = run(release, draft);

        assertThat(outcome).isEqualTo(Outcome.poll(Reasons.PROGRESSING));
        assertThat(release.operations.calls).containsExactly("delete [demo]");
        assertThat(draft.inventory).as("the objects are gone from the cluster").isEmpty();
        assertThat(draft.waiting.stage()).isEqualTo(PendingWait.POST_HOOKS);
        assertThat(release.store.deleted).isFalse();
    }

    @Test
    void aResumedPostDeleteStageDeletesNothingAgain() {
        FakeRelease release = new FakeRelease(onHook(PendingWait.POST_HOOKS, NOW.plusSeconds(60)));

        Outcome outcome = run(release, draft(release));

        assertThat(release.operations.resumedHooks).containsExactly("post-delete demo-cleanup");
        assertThat(release.operations.calls).isEmpty();
        assertThat(outcome.then()).isEqualTo(Outcome.Then.GONE);
        assertThat(release.store.deleted).isTrue();
    }

    @Test
    void aFailedDeleteIsRetriedFromTheStartAndKeepsTheRows() {
        FakeRelease release = new FakeRelease(deployed());
        release.operations.failures = 1;
        StatusDraft draft = draft(release);

        Outcome outcome = run(release, draft);

        assertThat(outcome).isEqualTo(Outcome.retry(Reasons.UNINSTALL_FAILED));
        assertThat(draft.get(Condition.READY).message()).startsWith("uninstall failed: admission webhook");
        assertThat(draft.waiting).isNull();
        assertThat(release.store.deleted).isFalse();
    }

    @Test
    void withoutAClusterNothingIsDeletedAndTheReleaseStaysUninstalling() {
        ReleaseState state = deployed();
        FakeRelease release = new FakeRelease(state);
        StatusDraft draft = draft(release);

        Outcome outcome = new Uninstall(release.renderer, release.operations, release.ledger,
                TestActions.stages(release))
                .run(FakeRelease.situation(state, null, false), draft);

        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.CLUSTER_UNAVAILABLE));
        assertThat(draft.phase).isEqualTo("Uninstalling");
        assertThat(release.store.deleted).isFalse();
    }

    private static ReleaseState deployed() {
        return FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)));
    }

    private static ReleaseState onHook(String stage, Instant deadline) {
        return deployed().withWait(WaitOptions.WAIT_FOR_ALL, new PendingWait(1, RevisionRow.UNINSTALL, false, 1, 0,
                NOW.minusSeconds(30), deadline, 0, stage, 0, CLEANUP));
    }

    private static StatusDraft draft(FakeRelease release) {
        return new StatusDraft(release.store.release, NOW);
    }

    private static Outcome run(FakeRelease release, StatusDraft draft) {
        return new Uninstall(release.renderer, release.operations, release.ledger,
                TestActions.stages(release))
                .run(FakeRelease.situation(release.store.release, null, true), draft);
    }
}
