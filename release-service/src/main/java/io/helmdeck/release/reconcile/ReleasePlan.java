package io.helmdeck.release.reconcile;

import java.util.Optional;

import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;

/**
 * What a reconcile does once the source's artifact is known. A pure decision over the stored state, so the rules
 * (upgrade on a new digest or new values, retries, remediation that sticks, manual rollbacks that stick) are tested
 * without a cluster.
 */
public sealed interface ReleasePlan {

    /** Nothing new: the deployed revision is re-applied to undo drift (there may be none, after an uninstall). */
    record Current(String why) implements ReleasePlan {
    }

    /** Install (nothing deployed) or upgrade; {@code attempt} counts from 1 for these inputs. */
    record Deploy(boolean upgrade, int attempt, int retries) implements ReleasePlan {
    }

    static ReleasePlan decide(ReleaseState state, String digest, String valuesDigest) {
        Optional<RevisionRow> deployed = state.deployed();
        if (deployed.isPresent() && deployed.get().sameInputs(digest, valuesDigest)
                && !RevisionRow.ROLLBACK.equals(deployed.get().action())) {
            return new Current("up to date");
        }
        Optional<RevisionRow> last = state.lastAttempt();
        boolean sameAttempt = last.isPresent() && last.get().sameInputs(digest, valuesDigest) && state.specObserved();
        if (sameAttempt && deployed.isPresent() && RevisionRow.ROLLBACK.equals(deployed.get().action())
                && deployed.get().revision() > last.get().revision()) {
            // Rolled back from exactly these inputs (by hand or by remediation): stay there until something changes.
            return new Current("rolled back from revision " + last.get().revision()
                    + "; waiting for a new source revision or a spec change");
        }
        if (deployed.isPresent() && deployed.get().sameInputs(digest, valuesDigest)) {
            return new Current("up to date");
        }
        boolean upgrade = deployed.isPresent();
        int retries = upgrade ? state.upgradeRetries() : state.installRetries();
        int failedBefore = 0;
        if (sameAttempt && RevisionRow.FAILED.equals(last.get().status())) {
            failedBefore = upgrade ? state.upgradeAttempts() : state.installAttempts();
        }
        if (failedBefore > retries) {
            return new Current("remediation done after " + failedBefore
                    + " failed attempts; waiting for a new source revision or a spec change");
        }
        return new Deploy(upgrade, failedBefore + 1, retries);
    }
}
