package io.helmdeck.release.reconcile.action;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.reconcile.ChartUnavailable;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.ReleaseOperations;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderedRelease;
import org.jboss.logging.Logger;

/**
 * Deletion requested: the delete hooks run around the deletion of the inventory (reverse order, CRDs never in it),
 * Helm's record goes, then the release's rows. Nothing applied: the rows go at once.
 */
@ApplicationScoped
public class Uninstall implements ReleaseAction {

    static final String UNINSTALLED = Reasons.UNINSTALL_SUCCEEDED;
    static final String FAILED = Reasons.UNINSTALL_FAILED;
    static final String NO_CLUSTER = Reasons.CLUSTER_UNAVAILABLE;

    private static final Logger LOG = Logger.getLogger(Uninstall.class);

    private final RevisionRenderer renderer;
    private final ReleaseOperations operations;
    private final RevisionLedger ledger;

    public Uninstall(RevisionRenderer renderer, ReleaseOperations operations, RevisionLedger ledger) {
        this.renderer = renderer;
        this.operations = operations;
        this.ledger = ledger;
    }

    @Override
    public NextAction kind() {
        return NextAction.UNINSTALL;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        ReleaseState state = situation.state();
        boolean applied = !state.inventory().isEmpty() || state.currentRevision() != null;
        if (applied && !situation.clusterAvailable()) {
            draft.phase(ReleasePhase.Uninstalling.name()).ready(false, NO_CLUSTER,
                    "cannot uninstall: " + situation.clusterDescription());
            return Outcome.atInterval(NO_CLUSTER);
        }
        if (applied) {
            try {
                operations.uninstall(situation.target(), deleteHooks(state), state.inventory(), state.timeout());
                ledger.forgetHelmRecords(state);
            } catch (ApplyException e) {
                draft.phase(ReleasePhase.Uninstalling.name()).ready(false, FAILED,
                        "uninstall failed: " + e.getMessage());
                return Outcome.retry(FAILED);
            }
        }
        ledger.deleteRelease(state);
        LOG.infof("release %s/%s uninstalled and deleted", state.tenant(), state.name());
        return Outcome.gone(UNINSTALLED);
    }

    /** The deployed revision rendered again for its delete hooks; null (no hooks) when that cannot be done. */
    private RenderedRelease deleteHooks(ReleaseState state) {
        return state.deployed().map(row -> {
            try {
                return renderer.render(state, row.sourceDigest(), row.values(), row.revision(), true);
            } catch (RenderException | ChartUnavailable e) {
                LOG.warnf("uninstall of %s/%s runs no delete hooks: %s", state.tenant(), state.name(),
                        e.getMessage());
                return null;
            }
        }).orElse(null);
    }
}
