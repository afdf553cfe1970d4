package io.helmdeck.release.reconcile;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.config.DeployConfig;
import io.helmdeck.release.kube.ClusterConnection;
import io.helmdeck.release.kube.HelmRevisionStatus;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.ReleaseStateStore;
import io.helmdeck.release.policy.TenantAccess;
import io.helmdeck.release.reconcile.action.Outcome;
import io.helmdeck.release.reconcile.action.ReleaseAction;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Reconciles one release the way helm-controller's atomic release does: load the release, let
 * {@link NextAction#decide} pick the next action from its state, run it, and decide again while the action's outcome
 * says {@link Outcome.Then#CONTINUE} (an interrupted revision finished, a failed attempt to remediate). The status is
 * saved once, at the end. Blocking: runs on a reconcile worker thread, never on the event loop.
 */
@ApplicationScoped
public class ReleaseReconciler {

    /** More actions than any path through {@link NextAction#decide} takes: a guard against a loop. */
    static final int MAX_ACTIONS = 6;

    private static final Logger LOG = Logger.getLogger(ReleaseReconciler.class);

    private final ReleaseStateStore store;
    private final ReleaseSource source;
    private final TenantAccess policies;
    private final ClusterConnection cluster;
    private final HelmRecords helmRecords;
    private final DeployConfig deploy;
    private final ReconcileConfig config;
    private final Clock clock;
    private final Map<NextAction, ReleaseAction> actions = new EnumMap<>(NextAction.class);

    public ReleaseReconciler(ReleaseStateStore store, ReleaseSource source, TenantAccess policies,
            ClusterConnection cluster, HelmRecords helmRecords, DeployConfig deploy, ReconcileConfig config,
            Clock clock, @All List<ReleaseAction> actions) {
        this.store = store;
        this.policies = policies;
        this.source = source;
        this.cluster = cluster;
        this.helmRecords = helmRecords;
        this.deploy = deploy;
        this.config = config;
        this.clock = clock;
        for (ReleaseAction action : actions) {
            if (this.actions.put(action.kind(), action) != null) {
                throw new IllegalStateException("two actions for " + action.kind());
            }
        }
    }

    /** Runs one reconcile of the release; a release deleted meanwhile is ignored. */
    public void reconcile(long releaseId) {
        ReleaseState stored = await(store.load(releaseId));
        if (stored == null) {
            return;
        }
        // The policy in force now (an admin may have changed it since the last reconcile) and the identity every
        // Kubernetes request of this reconcile carries.
        ReleaseState loaded = policies.attach(stored);
        StatusDraft draft = new StatusDraft(loaded, clock.instant());
        Outcome outcome;
        try {
            outcome = runActions(new Situation(loaded, deploy.mode(), cluster.available(), cluster.describe(), null,
                    List.of(), helmPending(loaded)), draft);
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconcile of release %s/%s failed", loaded.tenant(), loaded.name());
            draft.phase(ReleasePhase.Failed.name()).ready(false, Reasons.INTERNAL_ERROR,
                    "internal error: " + e.getClass().getSimpleName());
            outcome = Outcome.retry(Reasons.INTERNAL_ERROR);
        }
        if (outcome == null || outcome.then() == Outcome.Then.GONE) {
            return;
        }
        // The spec version and due time seen at the claim: a change a user made meanwhile is reconciled next time.
        await(store.saveStatus(loaded, draft.build(
                NextReconcile.after(clock.instant(), loaded, outcome, draft, config)), outcome.consumedRollback()));
    }

    /** Decides and runs actions until one ends the reconcile; null when the release vanished meanwhile. */
    private Outcome runActions(Situation situation, StatusDraft draft) {
        for (int run = 0; run < MAX_ACTIONS; run++) {
            NextAction next = NextAction.decide(situation);
            if (next == NextAction.LOOK_UP_SOURCE) {
                ReleaseState state = situation.state();
                situation = situation.withSource(source.lookup(state.tenant(), state.sourceName()));
                continue;
            }
            ReleaseAction action = actions.get(next);
            if (action == null) {
                throw new IllegalStateException("no action for " + next);
            }
            Outcome outcome = action.run(situation, draft);
            if (outcome.then() != Outcome.Then.CONTINUE) {
                return outcome;
            }
            ReleaseState reloaded = await(store.load(situation.state().id()));
            if (reloaded == null) {
                return null;
            }
            situation = situation.after(new Situation.Step(next, outcome), reloaded.revisions());
        }
        throw new IllegalStateException("no end after " + MAX_ACTIONS + " actions");
    }

    /**
     * Helm's own record stuck {@code pending-*}, looked at only where an action may follow that writes Helm's
     * records (Helmdeck applies itself, there is a cluster, and the release is neither suspended nor being deleted:
     * an uninstall removes every record anyway), and not while Helmdeck itself waits on its own pending record.
     */
    private HelmRevisionStatus helmPending(ReleaseState state) {
        if (deploy.mode() != DeployConfig.Mode.direct || !cluster.available() || state.suspend()
                || state.deletionRequestedAt() != null
                || state.waitingForNewest().isPresent()) {
            return null;
        }
        return helmRecords.pending(state);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().indefinitely();
    }
}
