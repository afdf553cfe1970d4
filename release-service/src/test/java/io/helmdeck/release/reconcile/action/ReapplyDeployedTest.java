package io.helmdeck.release.reconcile.action;

import static io.helmdeck.release.reconcile.FakeRelease.D1;
import static io.helmdeck.release.reconcile.FakeRelease.D2;
import static io.helmdeck.release.reconcile.FakeRelease.revision;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.helmdeck.model.Condition;
import io.helmdeck.model.DriftDetection;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.kube.ReleaseIdentity;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.policy.EffectivePolicy;
import io.helmdeck.release.reconcile.FakeRelease;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import org.junit.jupiter.api.Test;

/**
 * The interval check of the deployed revision: drifted objects of its stored manifest re-applied (mode enabled), only
 * reported (warn) or not looked at (disabled); never a new revision.
 */
class ReapplyDeployedTest {

    @Test
    void driftedObjectsAreReappliedWithoutANewRevisionAndTheReportSaysWhen() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        release.drift.drifted.add("demo");
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = TestActions.reapply(release).run(FakeRelease.situation(state, FakeRelease.source(D1), true),
                draft);

        assertThat(outcome.then()).isEqualTo(Outcome.Then.AT_INTERVAL);
        assertThat(release.operations.calls).containsExactly("reapply 1");
        assertThat(release.renderer.renders).as("no render").isEmpty();
        assertThat(release.history()).containsExactly("1 install deployed");
        assertThat(draft.phase).isEqualTo("Deployed");
        assertThat(draft.get(Condition.READY).message()).contains("drift corrected: ConfigMap team-a/demo (/data)");
        assertThat(release.drift.lastReport).singleElement()
                .satisfies(d -> assertThat(d.correctedAt()).isEqualTo(FakeRelease.CLOCK.instant()));
        assertThat(release.drift.calls).containsExactly("inspect 1", "corrected 1");
    }

    @Test
    void withoutDriftNothingIsApplied() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        TestActions.reapply(release).run(FakeRelease.situation(state, FakeRelease.source(D1), true), draft);

        assertThat(release.operations.calls).isEmpty();
        assertThat(release.drift.lastReport).isEmpty();
        assertThat(draft.get(Condition.READY).message()).endsWith("no drift");
    }

    @Test
    void warnModeReportsDriftAndLeavesTheObject() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        release.drift.settings = new DriftDetection(DriftDetection.WARN, List.of());
        release.drift.drifted.add("demo");
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        TestActions.reapply(release).run(FakeRelease.situation(state, FakeRelease.source(D1), true), draft);

        assertThat(release.operations.calls).as("not corrected").isEmpty();
        assertThat(release.drift.lastReport).singleElement().satisfies(d -> assertThat(d.correctedAt()).isNull());
        assertThat(FakeRelease.condition(draft, Condition.READY)).startsWith("True");
        assertThat(draft.get(Condition.READY).message()).contains("drift detected, not corrected");
    }

    @Test
    void disabledModeNeitherLooksNorApplies() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        release.drift.settings = new DriftDetection(DriftDetection.DISABLED, List.of());
        release.drift.drifted.add("demo");
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        TestActions.reapply(release).run(FakeRelease.situation(state, FakeRelease.source(D1), true), draft);

        assertThat(release.operations.calls).isEmpty();
        assertThat(release.drift.calls).isEmpty();
        assertThat(draft.get(Condition.READY).message()).endsWith("drift detection disabled");
    }

    @Test
    void aRefusedReapplyIsRetriedSoonWithItsOwnReason() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        release.drift.drifted.add("demo");
        release.operations.failures = 1;
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = TestActions.reapply(release).run(FakeRelease.situation(state, FakeRelease.source(D1), true),
                draft);

        assertThat(outcome).isEqualTo(Outcome.retry(ReapplyDeployed.DRIFT_CORRECTION_FAILED));
        assertThat(FakeRelease.condition(draft, Condition.READY)).isEqualTo("False DriftCorrectionFailed");
        assertThat(release.drift.calls).contains("failed 1");
        assertThat(release.drift.lastReport).as("still reported").hasSize(1);
    }

    @Test
    void aRevisionOutsideANarrowedPolicyIsNoLongerReapplied() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)))
                .withAccess(new EffectivePolicy(List.of("team-b"), List.of(), null, false, 2),
                        ReleaseIdentity.helmdeck());
        FakeRelease release = new FakeRelease(state);
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = TestActions.reapply(release).run(FakeRelease.situation(state, FakeRelease.source(D1), true),
                draft);

        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.POLICY_VIOLATION));
        assertThat(release.operations.calls).as("nothing applied").isEmpty();
        assertThat(FakeRelease.condition(draft, Condition.READY)).isEqualTo("False PolicyViolation");
        assertThat(draft.get(Condition.READY).message()).contains("revision 1 is not re-applied",
                "ConfigMap team-a/demo");
    }
}
