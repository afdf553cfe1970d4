package io.helmdeck.release.policy;

import io.helmdeck.release.persistence.ReleaseState;

/** Attaches to a release its tenant's cluster policy in force now and the identity that policy implies. */
@FunctionalInterface
public interface TenantAccess {

    /** The release with {@link ReleaseState#policy()} and {@link ReleaseState#identity()} set. Blocking. */
    ReleaseState attach(ReleaseState state);
}
