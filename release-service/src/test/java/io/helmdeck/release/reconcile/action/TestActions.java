package io.helmdeck.release.reconcile.action;

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
        return new Install(new DeployRevision(f.renderer, f.operations, f.ledger, gate()));
    }

    public static Upgrade upgrade(FakeRelease f) {
        return new Upgrade(new DeployRevision(f.renderer, f.operations, f.ledger, gate()));
    }

    public static RollbackRevision rollbacks(FakeRelease f) {
        return new RollbackRevision(f.renderer, f.operations, f.ledger, gate());
    }

    public static ReapplyDeployed reapply(FakeRelease f) {
        return new ReapplyDeployed(f.operations, f.ledger, gate(), f.drift);
    }
}
