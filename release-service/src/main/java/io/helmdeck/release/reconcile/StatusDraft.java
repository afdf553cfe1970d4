package io.helmdeck.release.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Conditions;
import io.helmdeck.model.InventoryEntry;

/** The status a reconcile is building, starting from what was stored; conditions keep their transition times. */
final class StatusDraft {
    String phase;
    List<Condition> conditions;
    String lastAppliedRevision;
    String lastAttemptedRevision;
    Integer currentRevision;
    List<InventoryEntry> inventory;
    int failures;
    int installAttempts;
    int upgradeAttempts;
    private final Instant now;

    StatusDraft(ReleaseState s, Instant now) {
        this.phase = s.phase();
        this.conditions = new ArrayList<>(s.conditions());
        this.lastAppliedRevision = s.lastAppliedRevision();
        this.lastAttemptedRevision = s.lastAttemptedRevision();
        this.currentRevision = s.currentRevision();
        this.inventory = s.inventory();
        this.failures = s.failures();
        this.installAttempts = s.installAttempts();
        this.upgradeAttempts = s.upgradeAttempts();
        this.now = now;
    }

    StatusDraft condition(String type, boolean status, String reason, String message) {
        conditions = Conditions.set(conditions, type, status ? Condition.TRUE : Condition.FALSE, reason, message, now);
        return this;
    }

    StatusDraft ready(boolean status, String reason, String message) {
        return condition(Condition.READY, status, reason, message);
    }

    StatusDraft phase(String phase) {
        this.phase = phase;
        return this;
    }

    StatusDraft without(String type) {
        conditions = new ArrayList<>(conditions.stream().filter(c -> !c.type().equals(type)).toList());
        return this;
    }

    StatusUpdate build(Instant next) {
        return new StatusUpdate(phase, conditions, lastAppliedRevision, lastAttemptedRevision, currentRevision,
                inventory, failures, installAttempts, upgradeAttempts, now, next);
    }
}
