package io.helmdeck.release.reconcile.action;

import io.helmdeck.release.reconcile.FakeRelease;

/** Builds actions over a {@link FakeRelease}, for tests outside this package. */
public final class TestActions {
    private TestActions() {
    }

    public static Install install(FakeRelease f) {
        return new Install(new DeployRevision(f.renderer, f.operations, f.ledger));
    }

    public static Upgrade upgrade(FakeRelease f) {
        return new Upgrade(new DeployRevision(f.renderer, f.operations, f.ledger));
    }

    public static RollbackRevision rollbacks(FakeRelease f) {
        return new RollbackRevision(f.renderer, f.operations, f.ledger);
    }

    public static ReapplyDeployed reapply(FakeRelease f) {
        return new ReapplyDeployed(f.operations, f.ledger);
    }
}
