package io.helmdeck.release.flux;

import static io.helmdeck.release.reconcile.FakeRelease.D1;
import static io.helmdeck.release.reconcile.FakeRelease.D2;
import static io.helmdeck.release.reconcile.FakeRelease.revision;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helmdeck.model.Reasons;
import io.helmdeck.release.config.DeployConfig;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.FakeRelease;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.reconcile.action.Outcome;
import org.junit.jupiter.api.Test;

/** Flux mode as one action: write the pinned Flux objects, read Flux's verdict back into the draft. */
class FluxReleaseTest {

    static final ReleaseState STATE = FakeRelease.state(List.of(revision(1, D1, RevisionRow.DEPLOYED,
            RevisionRow.INSTALL)));

    @Test
    void pinsTheVerifiedDigestAndReportsFluxsVerdict() {
        FakeDeployer flux = new FakeDeployer(new FluxReleaseStatus(FluxReleaseStatus.Ready.TRUE,
                "UpgradeSucceeded", "Helm upgrade succeeded", Instant.EPOCH, D2, "0.2.0", 2, "0.2.0+222222222222",
                false));
        StatusDraft draft = new StatusDraft(STATE, FakeRelease.CLOCK.instant());

        Outcome outcome = new FluxRelease(flux).run(situation(true), draft);

        assertThat(flux.applied).singleElement().satisfies(spec -> assertThat(spec.source().digest()).isEqualTo(D2));
        assertThat(outcome).isEqualTo(Outcome.atInterval("UpgradeSucceeded").consumingRollback());
        assertThat(draft.phase).isEqualTo("Deployed");
        assertThat(draft.currentRevision).isEqualTo(2);
    }

    @Test
    void withoutAClusterNothingIsWrittenAndTheReleaseSaysWhy() {
        FakeDeployer flux = new FakeDeployer(null);
        StatusDraft draft = new StatusDraft(STATE, FakeRelease.CLOCK.instant());

        Outcome outcome = new FluxRelease(flux).run(situation(false), draft);

        assertThat(outcome.reason()).isEqualTo(Reasons.CLUSTER_UNAVAILABLE);
        assertThat(flux.applied).isEmpty();
        assertThat(draft.phase).isEqualTo("ClusterUnavailable");
    }

    @Test
    void untilFluxHasAVerdictTheReleaseIsPendingAndCheckedSoon() {
        FakeDeployer flux = new FakeDeployer(null);
        StatusDraft draft = new StatusDraft(STATE, FakeRelease.CLOCK.instant());

        Outcome outcome = new FluxRelease(flux).run(situation(true), draft);

        assertThat(outcome.then()).isEqualTo(Outcome.Then.RETRY);
        assertThat(draft.phase).isEqualTo("Pending");
    }

    private static Situation situation(boolean cluster) {
        return new Situation(STATE, DeployConfig.Mode.flux, cluster, "test API server", FakeRelease.source(D2),
                List.of());
    }

    /** Records the specs it is asked to write and answers with a fixed Flux status. */
    static final class FakeDeployer extends FluxDeployer {
        final List<FluxReleaseSpec> applied = new ArrayList<>();
        private final FluxReleaseStatus status;

        FakeDeployer(FluxReleaseStatus status) {
            super(null, null);
            this.status = status;
        }

        @Override
        public boolean apply(FluxReleaseSpec spec) {
            applied.add(spec);
            return true;
        }

        @Override
        public Optional<FluxReleaseStatus> readStatus(String tenant, String name) {
            return Optional.ofNullable(status);
        }
    }
}
