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

/** No cluster: render to show chart errors, apply and record nothing. */
class RenderOnlyTest {

    @Test
    void rendersAndReportsClusterUnavailableWithoutARevision() {
        ReleaseState state = FakeRelease.state(List.of());
        FakeRelease release = new FakeRelease(state);
        StatusDraft draft = new StatusDraft(state, FakeRelease.CLOCK.instant());

        Outcome outcome = new RenderOnly(release.renderer).run(
                FakeRelease.situation(state, FakeRelease.source(D1), false), draft);

        assertThat(outcome).isEqualTo(Outcome.atInterval(Reasons.CLUSTER_UNAVAILABLE));
        assertThat(release.renderer.renders).containsExactly("1 install");
        assertThat(release.history()).isEmpty();
        assertThat(draft.phase).isEqualTo("ClusterUnavailable");
        assertThat(draft.get(Condition.READY).message()).contains("rendered 1 objects of demo-0.2.0");
    }
}
