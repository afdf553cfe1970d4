package io.helmdeck.release.reconcile;

import java.util.Optional;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.Remediation;
import io.helmdeck.release.config.DeployConfig;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.reconcile.action.Outcome;

/**
 * The next thing a reconcile does, picked from the release's state alone (as helm-controller's
 * {@code actionForState}): pure, so every rule is tested without a database or a cluster. Each value but
 * {@link #LOOK_UP_SOURCE} is run by one {@link io.helmdeck.release.reconcile.action.ReleaseAction}.
 */
public enum NextAction {
    /** Deletion requested: run the delete hooks, delete the objects, then the rows. */
    UNINSTALL,
    /** Deletion requested in Flux mode: delete the Flux objects, then the rows. */
    FLUX_UNINSTALL,
    /** Flux mode: write the Flux objects and read Flux's verdict back. */
    FLUX_RELEASE,
    /** Suspended (claimed because the spec changed): record that, touch nothing. */
    SUSPENDED,
    /** The newest revision was applied and its objects are being waited for: check their readiness again. */
    AWAIT_READY,
    /**
     * The newest revision is still pending (a crash or a lost lease cut it off), or Helm's own record of the release
     * is stuck {@code pending-*} (the {@code helm} CLI or a crashed process left it): unlock it, then go on.
     */
    FINISH_INTERRUPTED,
    /** A user asked for a rollback. */
    REQUESTED_ROLLBACK,
    /** The decision needs the source: the reconciler asks repo-service, then decides again. */
    LOOK_UP_SOURCE,
    /** The source is missing, has no artifact, or cannot be asked: the cluster stays as it is. */
    SOURCE_UNAVAILABLE,
    /** No cluster configured: render, so chart and values errors show, and apply nothing. */
    RENDER_ONLY,
    INSTALL,
    UPGRADE,
    /** The last upgrade failed with no retries left: roll back to the deployed revision. */
    REMEDIATE_BY_ROLLBACK,
    /** The last install (or upgrade, by strategy) failed with no retries left: uninstall. */
    REMEDIATE_BY_UNINSTALL,
    /** Nothing new to deploy: re-apply the deployed revision (drift correction). */
    REAPPLY_DEPLOYED;

    /** Picks the next action; called again after every action that lets the reconcile go on. */
    public static NextAction decide(Situation s) {
        ReleaseState state = s.state();
        if (state.deletionRequestedAt() != null) {
            return s.mode() == DeployConfig.Mode.flux ? FLUX_UNINSTALL : UNINSTALL;
        }
        if (s.mode() == DeployConfig.Mode.flux) {
            // Without a cluster Flux's objects cannot be written, whatever the source says.
            return !s.clusterAvailable() ? FLUX_RELEASE : afterSource(s, FLUX_RELEASE);
        }
        if (state.suspend()) {
            return SUSPENDED;
        }
        Optional<NextAction> remediation = remediation(s);
        if (remediation.isPresent()) {
            return remediation.get();
        }
        if (state.waitingForNewest().isPresent()) {
            // Before anything else: a wait is resumed, by whichever replica holds the release now.
            return AWAIT_READY;
        }
        if (!state.revisions().isEmpty() && state.revisions().get(0).pending() || s.helmPending() != null) {
            return FINISH_INTERRUPTED;
        }
        if (state.rollbackTo() != null) {
            return REQUESTED_ROLLBACK;
        }
        if (s.source() == null) {
            return LOOK_UP_SOURCE;
        }
        if (s.artifact() == null) {
            return SOURCE_UNAVAILABLE;
        }
        if (!s.clusterAvailable()) {
            return RENDER_ONLY;
        }
        if (s.plan() instanceof ReleasePlan.Deploy deploy) {
            return deploy.upgrade() ? UPGRADE : INSTALL;
        }
        return REAPPLY_DEPLOYED;
    }

    /** {@code then} once the source has an artifact; before that, looking it up or reporting why there is none. */
    private static NextAction afterSource(Situation s, NextAction then) {
        if (s.source() == null) {
            return LOOK_UP_SOURCE;
        }
        return s.artifact() == null ? SOURCE_UNAVAILABLE : then;
    }

    /**
     * An install or upgrade of this reconcile failed with no retries left (when it was applied, or when its wait for
     * readiness ended): remediate, in the same reconcile.
     */
    private static Optional<NextAction> remediation(Situation s) {
        return s.lastStep().filter(step -> step.outcome().then() == Outcome.Then.CONTINUE)
                .filter(step -> attempted(step) != null)
                .map(step -> attempted(step) == UPGRADE && Remediation.ROLLBACK.equals(s.state().upgradeStrategy())
                        && s.state().deployed().isPresent() ? REMEDIATE_BY_ROLLBACK : REMEDIATE_BY_UNINSTALL);
    }

    /** The install or upgrade a step ended; a finished wait ends the one whose reason it reports. */
    private static NextAction attempted(Situation.Step step) {
        if (step.action() == INSTALL || step.action() == UPGRADE) {
            return step.action();
        }
        if (step.action() == AWAIT_READY) {
            return switch (step.outcome().reason()) {
                case Reasons.INSTALL_FAILED -> INSTALL;
                case Reasons.UPGRADE_FAILED -> UPGRADE;
                default -> null;
            };
        }
        return null;
    }
}
