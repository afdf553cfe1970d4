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

/** Install: the first revision of a release, recorded pending first, then deployed. */
class InstallTest {

    @Test
    void installsTheArtifactAsRevisionOneAndRecordsItInHelmsRecordToo() {
        FakeRelease release = new FakeRelease(FakeRelease.state(List.of()));
        StatusDraft draft = new StatusDraft(release.store.release, FakeRelease.CLOCK.instant());

        Outcome outcome = TestActions.install(release).run(
                FakeRelease.situation(release.store.release, FakeRelease.source(D1), true), draft);

        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.INSTALL_SUCCEEDED));
        assertThat(release.history()).containsExactly("1 install deployed");
        assertThat(release.helm.calls).containsExactly("write 1 pending-install", "write 1 deployed", "prune 10");
        assertThat(draft.phase).isEqualTo("Deployed");
        assertThat(draft.currentRevision).isEqualTo(1);
        assertThat(draft.inventory).extracting(e -> e.kind() + "/" + e.name()).containsExactly("ConfigMap/demo");
    }

    @Test
    void aChartThatDoesNotRenderFailsWithoutARevisionAndWaitsForTheInterval() {
        FakeRelease release = new FakeRelease(FakeRelease.state(List.of()));
        release.renderer.broken = true;
        StatusDraft draft = new StatusDraft(release.store.release, FakeRelease.CLOCK.instant());

        Outcome outcome = TestActions.install(release).run(
                FakeRelease.situation(release.store.release, FakeRelease.source(D1), true), draft);

        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.RENDER_FAILED));
        assertThat(release.history()).isEmpty();
        assertThat(release.operations.calls).isEmpty();
        assertThat(draft.failures).isEqualTo(1);
        assertThat(FakeRelease.condition(draft, Condition.READY)).isEqualTo("False RenderFailed");
    }

    @Test
    void anObjectOutsideTheTenantsPolicyStopsTheInstallBeforeAnythingIsRecordedOrApplied() {
        FakeRelease release = new FakeRelease(FakeRelease.state(List.of()));
        release.renderer.namespace = "kube-system";
        StatusDraft draft = new StatusDraft(release.store.release, FakeRelease.CLOCK.instant());

        Outcome outcome = TestActions.install(release).run(
                FakeRelease.situation(release.store.release, FakeRelease.source(D1), true), draft);

        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.POLICY_VIOLATION));
        assertThat(release.history()).as("no revision").isEmpty();
        assertThat(release.helm.calls).as("no Helm record").isEmpty();
        assertThat(release.operations.calls).as("nothing applied").isEmpty();
        assertThat(draft.phase).isEqualTo("Failed");
        assertThat(FakeRelease.condition(draft, Condition.READY)).isEqualTo("False PolicyViolation");
        assertThat(draft.get(Condition.READY).message()).contains("ConfigMap kube-system/demo",
                "namespace kube-system not allowed");
    }
}
