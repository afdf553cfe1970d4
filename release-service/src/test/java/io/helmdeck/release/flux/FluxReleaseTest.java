package io.helmdeck.release.flux;

import static io.helmdeck.release.reconcile.FakeRelease.D1;
import static io.helmdeck.release.reconcile.FakeRelease.D2;
import static io.helmdeck.release.reconcile.FakeRelease.revision;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helmdeck.model.DriftDetection;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.config.DeployConfig;
import io.helmdeck.release.kube.ReleaseIdentity;
import io.helmdeck.release.persistence.DriftStore;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.persistence.WaitOptions;
import io.helmdeck.release.reconcile.FakeRelease;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.reconcile.action.Outcome;
import io.smallrye.mutiny.Uni;
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

        Outcome outcome = new FluxRelease(flux, new FakeDrift(DriftDetection.defaults())).run(situation(true), draft);

        assertThat(flux.applied).singleElement().satisfies(spec -> assertThat(spec.source().digest()).isEqualTo(D2));
        assertThat(outcome).isEqualTo(Outcome.atInterval("UpgradeSucceeded").consumingRollback());
        assertThat(draft.phase).isEqualTo("Deployed");
        assertThat(draft.currentRevision).isEqualTo(2);
    }

    @Test
    void theWaitOptOutsDriftDetectionAndIdentityOfTheReleaseGoToFlux() {
        ReleaseState state = STATE.withWait(new WaitOptions(true, false, false, true, true), null)
                .withAccess(FakeRelease.POLICY, ReleaseIdentity.serviceAccount("team-a", "helmdeck-tenant"));
        DriftDetection warn = new DriftDetection(DriftDetection.WARN, List.of());
        FakeDeployer flux = new FakeDeployer(null);

        new FluxRelease(flux, new FakeDrift(warn)).run(new Situation(state, DeployConfig.Mode.flux, true,
                "test API server", FakeRelease.source(D2), List.of()), new StatusDraft(state, Instant.EPOCH));

        assertThat(flux.applied).singleElement().satisfies(spec -> {
            assertThat(spec.waits()).isEqualTo(new WaitOptions(true, false, false, true, true));
            assertThat(spec.driftDetection()).isEqualTo(warn);
            assertThat(spec.serviceAccount())
                    .isEqualTo(new FluxReleaseSpec.ServiceAccount("team-a", "helmdeck-tenant"));
        });
        assertThat(flux.readFrom).as("Flux's verdict is read where the objects were written")
                .containsExactly(new FluxReleaseSpec.ServiceAccount("team-a", "helmdeck-tenant"));
    }

    @Test
    void withoutAClusterNothingIsWrittenAndTheReleaseSaysWhy() {
        FakeDeployer flux = new FakeDeployer(null);
        StatusDraft draft = new StatusDraft(STATE, FakeRelease.CLOCK.instant());

        Outcome outcome = new FluxRelease(flux, new FakeDrift(DriftDetection.defaults())).run(situation(false), draft);

        assertThat(outcome.reason()).isEqualTo(Reasons.CLUSTER_UNAVAILABLE);
        assertThat(flux.applied).isEmpty();
        assertThat(draft.phase).isEqualTo("ClusterUnavailable");
    }

    @Test
    void untilFluxHasAVerdictTheReleaseIsPendingAndCheckedSoon() {
        FakeDeployer flux = new FakeDeployer(null);
        StatusDraft draft = new StatusDraft(STATE, FakeRelease.CLOCK.instant());

        Outcome outcome = new FluxRelease(flux, new FakeDrift(DriftDetection.defaults())).run(situation(true), draft);

        assertThat(outcome.then()).isEqualTo(Outcome.Then.RETRY);
        assertThat(draft.phase).isEqualTo("Pending");
    }

    private static Situation situation(boolean cluster) {
        return new Situation(STATE, DeployConfig.Mode.flux, cluster, "test API server", FakeRelease.source(D2),
                List.of());
    }

    /** The drift settings a release has stored. */
    static final class FakeDrift extends DriftStore {
        private final DriftDetection settings;

        FakeDrift(DriftDetection settings) {
            super(null, null);
            this.settings = settings;
        }

        @Override
        public Uni<DriftRecord> load(long releaseId, int revision) {
            return Uni.createFrom().item(new DriftRecord(settings, List.of()));
        }
    }

    /** Records the specs it is asked to write and answers with a fixed Flux status. */
    static final class FakeDeployer extends FluxDeployer {
        final List<FluxReleaseSpec> applied = new ArrayList<>();
        final List<FluxReleaseSpec.ServiceAccount> readFrom = new ArrayList<>();
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
        public Optional<FluxReleaseStatus> readStatus(FluxReleaseSpec.ServiceAccount account, String tenant,
                String name) {
            readFrom.add(account);
            return Optional.ofNullable(status);
        }
    }
}
