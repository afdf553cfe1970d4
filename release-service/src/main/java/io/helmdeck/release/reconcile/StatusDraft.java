package io.helmdeck.release.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Conditions;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.persistence.PendingWait;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.StatusUpdate;

/**
 * The status one reconcile is building, starting from what was stored. Actions change it; the reconciler writes it
 * once, at the end. Conditions keep their transition times.
 */
public final class StatusDraft {
    public String phase;
    public List<Condition> conditions;
    public String lastAppliedRevision;
    public String lastAttemptedRevision;
    public Integer currentRevision;
    public List<InventoryEntry> inventory;
    public int failures;
    public int installAttempts;
    public int upgradeAttempts;
    /** The wait (a hook, or readiness) to resume at the next reconcile; null once none goes on. */
    public PendingWait waiting;
    private final Instant now;

    public StatusDraft(ReleaseState s, Instant now) {
        this.phase = s.phase();
        this.conditions = new ArrayList<>(s.conditions());
        this.lastAppliedRevision = s.lastAppliedRevision();
        this.lastAttemptedRevision = s.lastAttemptedRevision();
        this.currentRevision = s.currentRevision();
        this.inventory = s.inventory();
        this.failures = s.failures();
        this.installAttempts = s.installAttempts();
        this.upgradeAttempts = s.upgradeAttempts();
        this.waiting = s.waiting();
        this.now = now;
    }

    public StatusDraft condition(String type, boolean status, String reason, String message) {
        conditions = Conditions.set(conditions, type, status ? Condition.TRUE : Condition.FALSE, reason, message, now);
        return this;
    }

    public StatusDraft ready(boolean status, String reason, String message) {
        return condition(Condition.READY, status, reason, message);
    }

    /** {@code Ready=Unknown}, reason {@code Progressing}: an action is under way and says what it waits for. */
    public StatusDraft progressing(String message) {
        conditions = Conditions.set(conditions, Condition.READY, Condition.UNKNOWN, Reasons.PROGRESSING, message, now);
        return this;
    }

    /**
     * An action goes on after this reconcile, waiting as {@code wait} says: phase {@code Pending} (Helm's record says
     * {@code pending-install}/{@code -upgrade}/{@code -rollback}), {@code Ready=Unknown}/{@code Progressing} with
     * {@code message}, and the wait kept for the next reconcile.
     */
    public StatusDraft awaiting(PendingWait wait, String message) {
        this.waiting = wait;
        this.phase = ReleasePhase.Pending.name();
        return progressing(message);
    }

    public StatusDraft phase(String phase) {
        this.phase = phase;
        return this;
    }

    public StatusDraft without(String type) {
        conditions = new ArrayList<>(conditions.stream().filter(c -> !c.type().equals(type)).toList());
        return this;
    }

    /** The condition of this type as the draft has it now, or null. */
    public Condition get(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }

    public StatusUpdate build(Instant next) {
        return new StatusUpdate(phase, conditions, lastAppliedRevision, lastAttemptedRevision, currentRevision,
                inventory, failures, installAttempts, upgradeAttempts, now, next, waiting);
    }
}
