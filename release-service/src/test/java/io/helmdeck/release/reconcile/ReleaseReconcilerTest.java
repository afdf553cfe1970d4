package io.helmdeck.release.reconcile;

import static io.helmdeck.release.reconcile.FakeRelease.D1;
import static io.helmdeck.release.reconcile.FakeRelease.D2;
import static io.helmdeck.release.reconcile.FakeRelease.revision;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.helmdeck.model.Condition;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.Remediation;
import io.helmdeck.release.config.DeployConfig;
import io.helmdeck.release.kube.HelmRevisionStatus;
import io.helmdeck.release.kube.HelmStatus;
import io.helmdeck.release.health.HealthStatus;
import io.helmdeck.release.kube.TestClusters;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.persistence.StatusUpdate;
import io.helmdeck.release.persistence.WaitOptions;
import io.helmdeck.release.reconcile.action.TestActions;
import io.helmdeck.release.reconcile.action.FinishInterrupted;
import io.helmdeck.release.reconcile.action.RemediateByRollback;
import io.helmdeck.release.reconcile.action.RemediateByUninstall;
import io.helmdeck.release.reconcile.action.SourceUnavailable;
import io.helmdeck.release.source.SourceLookup;
import org.junit.jupiter.api.Test;

/** The loop itself, with real actions over small fakes: load, decide, run, decide again when told, save once. */
class ReleaseReconcilerTest {

    static final RevisionRow DEPLOYED_1 = revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL);

    @Test
    void aFailedUpgradeRetriesThenRemediatesByRollbackAndTheHistorySaysSo() {
        FakeRelease release = new FakeRelease(FakeRelease.state(List.of(DEPLOYED_1), 1, 0, Remediation.ROLLBACK));
        release.operations.failures = 2;
        ReleaseReconciler reconciler = reconciler(release, FakeRelease.source(D2));

        reconciler.reconcile(1);
        StatusUpdate first = release.store.lastSaved();
        assertThat(first.phase()).isEqualTo("Failed");
        assertThat(first.upgradeAttempts()).isEqualTo(1);
        assertThat(first.nextReconcileAt()).as("retried after the retry delay")
                .isEqualTo(FakeRelease.CLOCK.instant().plusSeconds(10));
        assertThat(release.history()).containsExactly("2 upgrade failed", "1 install deployed");

        reconciler.reconcile(1);
        StatusUpdate second = release.store.lastSaved();
        assertThat(release.history()).containsExactly("4 rollback deployed", "3 upgrade failed", "2 upgrade failed",
                "1 install superseded");
        assertThat(second.currentRevision()).isEqualTo(4);
        assertThat(second.phase()).isEqualTo("Failed");
        assertThat(second.conditions()).anyMatch(c -> Condition.REMEDIATED.equals(c.type())
                && Condition.TRUE.equals(c.status()) && Reasons.ROLLBACK_SUCCEEDED.equals(c.reason()));
        assertThat(second.nextReconcileAt()).isEqualTo(FakeRelease.CLOCK.instant().plus(Duration.ofMinutes(5)));
        assertThat(release.store.saved).as("one status write per reconcile").hasSize(2);
        assertThat(release.operations.calls).containsExactly("upgrade", "upgrade", "rollback");

        release.drift.drifted.add("demo");
        reconciler.reconcile(1);
        assertThat(release.history()).as("remediation sticks: no new upgrade for the same inputs").hasSize(4);
        assertThat(release.operations.calls).last().isEqualTo("reapply 1");
    }

    @Test
    void anInterruptedUpgradeIsRunAgainWithoutCountingAsAFailedAttempt() {
        ReleaseState state = FakeRelease.state(List.of(revision(2, D2, "pending-upgrade", RevisionRow.UPGRADE),
                DEPLOYED_1), 0, 0, Remediation.ROLLBACK);
        FakeRelease release = new FakeRelease(state);

        reconciler(release, FakeRelease.source(D2)).reconcile(1);

        assertThat(release.history()).containsExactly("3 upgrade deployed", "2 upgrade failed",
                "1 install superseded");
        assertThat(release.store.descriptions.get(2)).contains("interrupted");
        assertThat(release.store.lastSaved().phase()).isEqualTo("Deployed");
        assertThat(release.store.lastSaved().upgradeAttempts()).isZero();
        assertThat(release.store.saved).hasSize(1);
    }

    @Test
    void helmsRecordLeftPendingByTheCliIsUnlockedAndTheUpgradeCarriesOnPastIt() {
        FakeRelease release = new FakeRelease(FakeRelease.state(List.of(DEPLOYED_1), 0, 0, Remediation.ROLLBACK));
        // `helm upgrade` run by hand and killed: Helm's storage has revision 2 pending-upgrade; Helmdeck has no row 2.
        release.helm.stuck = new HelmRevisionStatus(2, HelmStatus.PENDING_UPGRADE);

        reconciler(release, FakeRelease.source(D2)).reconcile(1);

        assertThat(release.helm.calls).startsWith("mark 2 failed");
        assertThat(release.history()).containsExactly("3 upgrade deployed", "2 upgrade failed",
                "1 install superseded");
        assertThat(release.store.descriptions.get(2)).contains("unlocked from stale pending-upgrade state");
        StatusUpdate saved = release.store.lastSaved();
        assertThat(saved.phase()).isEqualTo("Deployed");
        assertThat(saved.upgradeAttempts()).as("not an attempt of Helmdeck's").isZero();
        assertThat(saved.conditions()).anyMatch(c -> Condition.RECOVERED.equals(c.type())
                && Reasons.PENDING_RELEASE_UNLOCKED.equals(c.reason()) && c.message().contains("revision 2"));
    }

    @Test
    void anUpgradeWhoseObjectsAreNotReadyIsPolledSoonWithoutHoldingTheReconcileThenDeployed() {
        FakeRelease release = new FakeRelease(FakeRelease.state(List.of(DEPLOYED_1)));
        release.readiness.verdicts.addAll(List.of(HealthStatus.IN_PROGRESS, HealthStatus.IN_PROGRESS,
                HealthStatus.IN_PROGRESS));
        ReleaseReconciler reconciler = reconciler(release, FakeRelease.source(D2));

        reconciler.reconcile(1);
        StatusUpdate waiting = release.store.lastSaved();
        assertThat(release.history()).as("pending while waited for, as Helm records it")
                .containsExactly("2 upgrade pending-upgrade", "1 install deployed");
        assertThat(ready(waiting).status()).isEqualTo(Condition.UNKNOWN);
        assertThat(ready(waiting).reason()).isEqualTo(Reasons.PROGRESSING);
        assertThat(ready(waiting).message()).isEqualTo("upgrade: waiting for ConfigMap team-a/demo: 0/1 available");
        assertThat(waiting.inventory()).extracting(InventoryEntry::health).containsExactly("InProgress");
        assertThat(waiting.waiting().revision()).isEqualTo(2);
        assertThat(waiting.nextReconcileAt()).as("checked again soon, not at the interval")
                .isEqualTo(FakeRelease.CLOCK.instant().plusSeconds(2));
        assertThat(release.operations.postHooks).as("post hooks wait for readiness").isEmpty();

        reconciler.reconcile(1);
        assertThat(release.store.lastSaved().nextReconcileAt()).as("polled less often as the wait goes on")
                .isEqualTo(FakeRelease.CLOCK.instant().plusSeconds(4));
        reconciler.reconcile(1);
        assertThat(release.store.lastSaved().nextReconcileAt()).isEqualTo(FakeRelease.CLOCK.instant().plusSeconds(8));
        assertThat(release.operations.calls).as("applied once, then only read").containsExactly("upgrade");

        reconciler.reconcile(1);
        StatusUpdate done = release.store.lastSaved();
        assertThat(release.history()).containsExactly("2 upgrade deployed", "1 install superseded");
        assertThat(done.phase()).isEqualTo("Deployed");
        assertThat(ready(done).reason()).isEqualTo(Reasons.UPGRADE_SUCCEEDED);
        assertThat(done.waiting()).isNull();
        assertThat(done.inventory()).extracting(InventoryEntry::health).containsExactly("Ready");
        assertThat(release.operations.postHooks).containsExactly("post-upgrade");
        assertThat(release.readiness.checks).isEqualTo(4);
    }

    @Test
    void anObjectThatFailsWhileWaitedForFailsTheUpgradeNamingItAndIsRemediatedByRollback() {
        FakeRelease release = new FakeRelease(FakeRelease.state(List.of(DEPLOYED_1)));
        release.readiness.verdicts.addAll(List.of(HealthStatus.IN_PROGRESS, HealthStatus.FAILED));
        ReleaseReconciler reconciler = reconciler(release, FakeRelease.source(D2));

        reconciler.reconcile(1);
        reconciler.reconcile(1);

        StatusUpdate saved = release.store.lastSaved();
        assertThat(release.history()).containsExactly("3 rollback deployed", "2 upgrade failed",
                "1 install superseded");
        assertThat(saved.phase()).isEqualTo("Failed");
        assertThat(ready(saved).reason()).isEqualTo(Reasons.UPGRADE_FAILED);
        assertThat(ready(saved).message()).isEqualTo(
                "upgrade to revision 2 failed: ConfigMap team-a/demo: 0/1 available (ProgressDeadlineExceeded)");
        assertThat(saved.conditions()).anyMatch(c -> Condition.REMEDIATED.equals(c.type())
                && Reasons.ROLLBACK_SUCCEEDED.equals(c.reason()));
        assertThat(release.operations.postHooks).as("the failed upgrade's post hooks never ran")
                .containsExactly("post-rollback");
    }

    @Test
    void aReleaseThatDisablesTheUpgradeWaitIsDeployedWithoutReadingItsObjects() {
        FakeRelease release = new FakeRelease(FakeRelease.state(List.of(DEPLOYED_1))
                .withWait(new WaitOptions(false, false, true, false, false), null));
        release.readiness.verdicts.add(HealthStatus.IN_PROGRESS);

        reconciler(release, FakeRelease.source(D2)).reconcile(1);

        assertThat(release.history()).containsExactly("2 upgrade deployed", "1 install superseded");
        assertThat(release.readiness.checks).isZero();
        assertThat(release.operations.postHooks).containsExactly("post-upgrade");
    }

    @Test
    void aDeletedSourceLeavesTheClusterAloneAndIsCheckedAgainAtTheInterval() {
        FakeRelease release = new FakeRelease(FakeRelease.state(List.of(DEPLOYED_1)));

        reconciler(release, new SourceLookup.NotFound()).reconcile(1);

        assertThat(release.store.lastSaved().phase()).isEqualTo("SourceNotFound");
        assertThat(release.operations.calls).isEmpty();
        assertThat(release.history()).containsExactly("1 install deployed");
    }

    private static Condition ready(StatusUpdate update) {
        return update.conditions().stream().filter(c -> Condition.READY.equals(c.type())).findFirst().orElseThrow();
    }

    private static ReleaseReconciler reconciler(FakeRelease release, SourceLookup source) {
        ReleaseSource sources = new ReleaseSource(null, null) {
            @Override
            public SourceLookup lookup(String tenant, String name) {
                return source;
            }
        };
        ReconcileConfig config = new ReconcileConfig() {
            public boolean enabled() {
                return true;
            }

            public Duration pollInterval() {
                return Duration.ofSeconds(1);
            }

            public int maxConcurrent() {
                return 1;
            }

            public Duration lease() {
                return Duration.ofMinutes(2);
            }

            public Duration retryDelay() {
                return Duration.ofSeconds(10);
            }

            public Optional<String> replicaId() {
                return Optional.empty();
            }

            public Duration waitPollMin() {
                return Duration.ofSeconds(2);
            }

            public Duration waitPollMax() {
                return Duration.ofSeconds(10);
            }

            public int renderedRevisionsKept() {
                return 0;
            }
        };
        DeployConfig direct = () -> DeployConfig.Mode.direct;
        return new ReleaseReconciler(release.store, sources, FakeRelease::attach, TestClusters.of(true), release.helm, direct,
                config,
                FakeRelease.CLOCK, List.of(TestActions.install(release), TestActions.upgrade(release),
                        new RemediateByRollback(TestActions.rollbacks(release)),
                        new RemediateByUninstall(release.operations, release.ledger),
                        TestActions.reapply(release), new FinishInterrupted(release.ledger),
                        new SourceUnavailable(), TestActions.awaitReady(release)));
    }
}
