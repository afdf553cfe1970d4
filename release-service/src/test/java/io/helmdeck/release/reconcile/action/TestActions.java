package io.helmdeck.release.reconcile.action;

import java.time.Clock;

import io.helmdeck.release.health.InventoryReadiness;
import io.helmdeck.release.policy.BuiltInKindScope;
import io.helmdeck.release.reconcile.FakeRelease;

/** Builds actions over a {@link FakeRelease}, for tests outside this package. */
public final class TestActions {
    private TestActions() {
    }

    /** The policy step with Kubernetes' built-in kinds only (the fakes serve no discovery). */
    public static PolicyGate gate() {
        return new PolicyGate(identity -> new BuiltInKindScope());
    }

    public static Install install(FakeRelease f) {
        return new Install(new DeployRevision(f.renderer, f.operations, f.ledger, gate(), stages(f), FakeRelease.CLOCK));
    }

    public static Upgrade upgrade(FakeRelease f) {
        return new Upgrade(new DeployRevision(f.renderer, f.operations, f.ledger, gate(), stages(f), FakeRelease.CLOCK));
    }

    public static RollbackRevision rollbacks(FakeRelease f) {
        return new RollbackRevision(f.renderer, f.ledger, gate(), stages(f), FakeRelease.CLOCK);
    }

    /** Helm's stages over the fake cluster side and readiness. */
    public static ActionStages stages(FakeRelease f) {
        return new ActionStages(f.operations, f.waits, FakeRelease.CLOCK);
    }

    /** The readiness check over a fake cluster answer. */
    public static ReadinessWait waits(InventoryReadiness readiness, Clock clock) {
        return new ReadinessWait(readiness, clock);
    }

    public static AwaitReady awaitReady(FakeRelease f) {
        return new AwaitReady(f.waits, stages(f), f.renderer, new DeployRevision(f.renderer, f.operations, f.ledger,
                gate(), stages(f), FakeRelease.CLOCK), rollbacks(f));
    }

    public static ReapplyDeployed reapply(FakeRelease f) {
        return new ReapplyDeployed(f.operations, f.ledger, gate(), f.drift);
    }
}
