package io.helmdeck.release.reconcile.action;

import static io.helmdeck.release.reconcile.FakeRelease.D1;
import static io.helmdeck.release.reconcile.FakeRelease.D2;
import static io.helmdeck.release.reconcile.FakeRelease.revision;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.kube.ReleaseIdentity;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.policy.EffectivePolicy;
import io.helmdeck.release.reconcile.FakeRelease;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import org.junit.jupiter.api.Test;

/** Drift correction: the deployed revision's stored manifest applied again, no new revision. */
class ReapplyDeployedTest {

    @Test
    void reappliesTheStoredManifestWithoutANewRevision() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = TestActions.reapply(release).run(FakeRelease.situation(state, FakeRelease.source(D1), true),
                draft);

        assertThat(outcome.then()).isEqualTo(Outcome.Then.AT_INTERVAL);
        assertThat(release.operations.calls).containsExactly("reapply 1");
        assertThat(release.renderer.renders).as("no render").isEmpty();
        assertThat(release.history()).containsExactly("1 install deployed");
        assertThat(draft.phase).isEqualTo("Deployed");
    }

    @Test
    void aRefusedReapplyIsRetriedSoonWithItsOwnReason() {
        ReleaseState state = FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL)));
        FakeRelease release = new FakeRelease(state);
        release.operations.failures = 1;
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = TestActions.reapply(release).run(FakeRelease.situation(state, FakeRelease.source(D1), true),
                draft);

        assertThat(outcome).isEqualTo(Outcome.retry(ReapplyDeployed.DRIFT_CORRECTION_FAILED));
        assertThat(FakeRelease.condition(draft, Condition.READY)).isEqualTo("False DriftCorrectionFailed");
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
