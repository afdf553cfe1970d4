package io.helmdeck.release.persistence;

import java.time.Instant;
import java.util.List;

import io.helmdeck.model.Condition;
import io.helmdeck.model.InventoryEntry;

/** The status columns a reconcile writes at its end; {@code waiting} is null when no readiness wait goes on. */
public record StatusUpdate(String phase, List<Condition> conditions, String lastAppliedRevision,
        String lastAttemptedRevision, Integer currentRevision, List<InventoryEntry> inventory, int failures,
        int installAttempts, int upgradeAttempts, Instant reconciledAt, Instant nextReconcileAt,
        PendingWait waiting) {
}
