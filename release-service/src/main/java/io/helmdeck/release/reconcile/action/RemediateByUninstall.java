package io.helmdeck.release.reconcile.action;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Condition;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.ReleaseOperations;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;

/**
 * An install failed with no retries left (or an upgrade, with strategy {@code uninstall}): every object the release
 * had or the failed attempt rendered is deleted, without hooks, and Helm's record goes.
 */
@ApplicationScoped
public class RemediateByUninstall implements ReleaseAction {

    static final String SUCCEEDED = Reasons.UNINSTALL_SUCCEEDED;
    static final String FAILED = Reasons.UNINSTALL_FAILED;

    private final ReleaseOperations operations;
    private final RevisionLedger ledger;

    public RemediateByUninstall(ReleaseOperations operations, RevisionLedger ledger) {
        this.operations = operations;
        this.ledger = ledger;
    }

    @Override
    public NextAction kind() {
        return NextAction.REMEDIATE_BY_UNINSTALL;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        ReleaseState state = situation.state();
        Optional<RevisionRow> previous = state.deployed();
        try {
            operations.delete(state.target(), touchedByFailedAttempt(state));
            ledger.uninstalled(state, previous);
            draft.currentRevision = null;
            draft.inventory = List.of();
            draft.condition(Condition.REMEDIATED, true, SUCCEEDED, "uninstalled after the failed attempt");
            return Outcome.atInterval(SUCCEEDED);
        } catch (ApplyException e) {
            draft.condition(Condition.REMEDIATED, false, FAILED, "uninstall failed: " + e.getMessage());
            return Outcome.atInterval(FAILED);
        }
    }

    /** The deployed revision's objects, then those the failed attempt rendered (its row keeps them). */
    static List<InventoryEntry> touchedByFailedAttempt(ReleaseState state) {
        Set<InventoryEntry> all = new LinkedHashSet<>(state.deployed().map(RevisionRow::inventory).orElse(List.of()));
        state.lastAttempt().filter(r -> RevisionRow.FAILED.equals(r.status()))
                .ifPresent(failed -> all.addAll(failed.inventory()));
        return new ArrayList<>(all);
    }
}
