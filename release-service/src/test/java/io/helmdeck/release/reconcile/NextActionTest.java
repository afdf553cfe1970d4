package io.helmdeck.release.reconcile;

import static io.helmdeck.release.reconcile.FakeRelease.D1;
import static io.helmdeck.release.reconcile.FakeRelease.D2;
import static io.helmdeck.release.reconcile.FakeRelease.revision;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.Remediation;
import io.helmdeck.release.persistence.PendingWait;
import io.helmdeck.release.persistence.WaitOptions;
import io.helmdeck.release.config.DeployConfig;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.action.Outcome;
import io.helmdeck.release.source.SourceLookup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which action comes next, for each state a release can be in: the rules of the reconcile in one table. */
class NextActionTest {

    static final RevisionRow DEPLOYED_1 = revision(1, D1, RevisionRow.DEPLOYED, RevisionRow.INSTALL);
    static final ReleaseState INSTALLED = FakeRelease.state(List.of(DEPLOYED_1));
    static final ReleaseState NOTHING = FakeRelease.state(List.of());
    static final ReleaseState WAITING = FakeRelease.state(List.of(
            revision(2, D2, "pending-upgrade", RevisionRow.UPGRADE), DEPLOYED_1))
            .withWait(WaitOptions.WAIT_FOR_ALL, wait(2, RevisionRow.UPGRADE));

    static PendingWait wait(int revision, String action) {
        return new PendingWait(revision, action, false, 1, 0, Instant.EPOCH, Instant.EPOCH.plusSeconds(300), 1,
                PendingWait.READY, 0, null);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("deletion requested", INSTALLED, NextActionTest::deleting, NextAction.UNINSTALL),
                row("deletion requested in Flux mode", INSTALLED, s -> flux(deleting(s).state()),
                        NextAction.FLUX_UNINSTALL),
                row("Flux mode without a cluster: no source needed", INSTALLED,
                        s -> new Situation(s.state(), DeployConfig.Mode.flux, false, "none", null, List.of()),
                        NextAction.FLUX_RELEASE),
                row("Flux mode: the source first", INSTALLED, s -> flux(s.state()), NextAction.LOOK_UP_SOURCE),
                row("Flux mode, source deleted", INSTALLED,
                        s -> flux(s.state()).withSource(new SourceLookup.NotFound()), NextAction.SOURCE_UNAVAILABLE),
                row("Flux mode, artifact known", INSTALLED, s -> flux(s.state()).withSource(FakeRelease.source(D2)),
                        NextAction.FLUX_RELEASE),
                row("suspended", INSTALLED, s -> suspended(s), NextAction.SUSPENDED),
                row("pending revision left by a crash", FakeRelease.state(List.of(
                        revision(2, D2, "pending-upgrade", RevisionRow.UPGRADE), DEPLOYED_1)), s -> s,
                        NextAction.FINISH_INTERRUPTED),
                row("an applied upgrade waits for readiness: the wait is resumed", WAITING, s -> s,
                        NextAction.AWAIT_READY),
                row("a wait is resumed even when a rollback is requested meanwhile", WAITING,
                        s -> FakeRelease.situation(copy(s.state(), null, false, 0).withWait(
                                s.state().waitOptions(), s.state().waiting()), s.source(), true),
                        NextAction.AWAIT_READY),
                row("deletion requested while waiting", WAITING, NextActionTest::deleting, NextAction.UNINSTALL),
                row("a stored wait for an older revision does not count", FakeRelease.state(List.of(
                        revision(3, D2, "pending-upgrade", RevisionRow.UPGRADE), DEPLOYED_1)).withWait(
                        WaitOptions.WAIT_FOR_ALL, wait(2, RevisionRow.UPGRADE)), s -> s,
                        NextAction.FINISH_INTERRUPTED),
                row("the waited upgrade failed, no retries left", INSTALLED,
                        s -> s.after(new Situation.Step(NextAction.AWAIT_READY,
                                Outcome.proceed(Reasons.UPGRADE_FAILED)), s.state().revisions()),
                        NextAction.REMEDIATE_BY_ROLLBACK),
                row("the waited install failed, no retries left", NOTHING,
                        s -> s.after(new Situation.Step(NextAction.AWAIT_READY,
                                Outcome.proceed(Reasons.INSTALL_FAILED)), s.state().revisions()),
                        NextAction.REMEDIATE_BY_UNINSTALL),
                row("rollback requested", INSTALLED, NextActionTest::rollbackRequested,
                        NextAction.REQUESTED_ROLLBACK),
                row("source not looked up yet", INSTALLED, s -> s.withSource(null), NextAction.LOOK_UP_SOURCE),
                row("source deleted", INSTALLED, s -> s.withSource(new SourceLookup.NotFound()),
                        NextAction.SOURCE_UNAVAILABLE),
                row("repo-service down", INSTALLED, s -> s.withSource(new SourceLookup.Unavailable("timeout")),
                        NextAction.SOURCE_UNAVAILABLE),
                row("no cluster", INSTALLED, s -> FakeRelease.situation(s.state(), s.source(), false),
                        NextAction.RENDER_ONLY),
                row("nothing deployed", NOTHING, s -> s, NextAction.INSTALL),
                row("a re-pushed tag: new digest", INSTALLED, s -> s, NextAction.UPGRADE),
                row("same digest and values: drift correction", INSTALLED,
                        s -> s.withSource(FakeRelease.source(D1)), NextAction.REAPPLY_DEPLOYED),
                row("upgrade failed, no retries left", INSTALLED, s -> failedLast(s, NextAction.UPGRADE),
                        NextAction.REMEDIATE_BY_ROLLBACK),
                row("upgrade failed, strategy uninstall", FakeRelease.state(List.of(DEPLOYED_1), 0, 0,
                        Remediation.UNINSTALL), s -> failedLast(s, NextAction.UPGRADE),
                        NextAction.REMEDIATE_BY_UNINSTALL),
                row("install failed, no retries left", NOTHING, s -> failedLast(s, NextAction.INSTALL),
                        NextAction.REMEDIATE_BY_UNINSTALL),
                row("upgrade failed with retries left: no remediation", INSTALLED,
                        s -> s.after(new Situation.Step(NextAction.UPGRADE, Outcome.retry("UpgradeFailed")),
                                s.state().revisions()), NextAction.UPGRADE),
                row("an interrupted revision is not a failed attempt", INSTALLED,
                        s -> s.after(new Situation.Step(NextAction.FINISH_INTERRUPTED, Outcome.proceed("Interrupted")),
                                s.state().revisions()), NextAction.UPGRADE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void picksTheNextAction(String name, Situation situation, NextAction expected) {
        assertThat(NextAction.decide(situation)).isEqualTo(expected);
    }

    private static Arguments row(String name, ReleaseState state, UnaryOperator<Situation> change,
            NextAction expected) {
        return Arguments.of(name, change.apply(FakeRelease.situation(state, FakeRelease.source(D2), true)),
                expected);
    }

    private static Situation flux(ReleaseState state) {
        return new Situation(state, DeployConfig.Mode.flux, true, "test API server", null, List.of());
    }

    private static Situation failedLast(Situation s, NextAction attempt) {
        return s.after(new Situation.Step(attempt, Outcome.proceed("Failed")), s.state().revisions());
    }

    private static Situation deleting(Situation s) {
        return FakeRelease.situation(copy(s.state(), Instant.EPOCH, false, null), s.source(), true);
    }

    private static Situation suspended(Situation s) {
        return FakeRelease.situation(copy(s.state(), null, true, null), s.source(), true);
    }

    private static Situation rollbackRequested(Situation s) {
        return FakeRelease.situation(copy(s.state(), null, false, 0), s.source(), true);
    }

    private static ReleaseState copy(ReleaseState r, Instant deletion, boolean suspend, Integer rollbackTo) {
        return new ReleaseState(r.id(), r.tenant(), r.name(), r.sourceType(), r.sourceName(), r.releaseName(),
                r.targetNamespace(), r.values(), r.interval(), r.timeout(), r.createNamespace(), r.installRetries(),
                r.upgradeRetries(), r.upgradeStrategy(), r.maxHistory(), suspend, r.version(), deletion, r.phase(),
                r.conditions(), r.lastAppliedRevision(), r.lastAttemptedRevision(), r.currentRevision(),
                r.inventory(), r.failures(), r.observedVersion(), rollbackTo, r.installAttempts(),
                r.upgradeAttempts(), r.dueAt(), r.revisions()).withAccess(r.policy(), r.identity());
    }
}
