package io.helmdeck.release.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helmdeck.model.Condition;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.release.kube.ReleaseIdentity;
import io.helmdeck.release.kube.ReleaseTarget;
import io.helmdeck.release.policy.EffectivePolicy;

/**
 * A release as one reconcile sees it: spec, status and kept revisions (newest first), read in one go.
 *
 * @param dueAt    when the release had become due; a status write that finds another due time keeps it, so a
 *                 reconcile request made during a reconcile is not lost
 * @param policy   the tenant's cluster policy in force for this reconcile; null until the reconciler attached it
 *                 ({@link #withAccess}), and then nothing may be applied
 * @param identity whose rights every Kubernetes request of this release carries
 * @param waitOptions which readiness waits the spec turns off
 * @param waiting  the applied revision whose objects are being waited for; null when none is
 */
public record ReleaseState(long id, String tenant, String name, String sourceType, String sourceName,
        String releaseName, String targetNamespace, Map<String, Object> values, Duration interval, Duration timeout,
        boolean createNamespace, int installRetries, int upgradeRetries, String upgradeStrategy, int maxHistory,
        boolean suspend, long version, Instant deletionRequestedAt,
        String phase, List<Condition> conditions, String lastAppliedRevision, String lastAttemptedRevision,
        Integer currentRevision, List<InventoryEntry> inventory, int failures, Long observedVersion,
        Integer rollbackTo, int installAttempts, int upgradeAttempts, Instant dueAt,
        List<RevisionRow> revisions, EffectivePolicy policy, ReleaseIdentity identity, WaitOptions waitOptions,
        PendingWait waiting) {

    /** As the store reads it: no policy attached yet, Helmdeck's own identity. */
    public ReleaseState(long id, String tenant, String name, String sourceType, String sourceName,
            String releaseName, String targetNamespace, Map<String, Object> values, Duration interval, Duration timeout,
            boolean createNamespace, int installRetries, int upgradeRetries, String upgradeStrategy, int maxHistory,
            boolean suspend, long version, Instant deletionRequestedAt,
            String phase, List<Condition> conditions, String lastAppliedRevision, String lastAttemptedRevision,
            Integer currentRevision, List<InventoryEntry> inventory, int failures, Long observedVersion,
            Integer rollbackTo, int installAttempts, int upgradeAttempts, Instant dueAt,
            List<RevisionRow> revisions) {
        this(id, tenant, name, sourceType, sourceName, releaseName, targetNamespace, values, interval, timeout,
                createNamespace, installRetries, upgradeRetries, upgradeStrategy, maxHistory, suspend, version,
                deletionRequestedAt, phase, conditions, lastAppliedRevision, lastAttemptedRevision, currentRevision,
                inventory, failures, observedVersion, rollbackTo, installAttempts, upgradeAttempts, dueAt, revisions,
                null, ReleaseIdentity.helmdeck(), WaitOptions.WAIT_FOR_ALL, null);
    }

    /** Where the release's objects go and as whom every request for it is made. */
    public ReleaseTarget target() {
        return new ReleaseTarget(releaseName, targetNamespace, identity);
    }

    /** The same release with the tenant's cluster policy and the identity it implies attached. */
    public ReleaseState withAccess(EffectivePolicy attached, ReleaseIdentity as) {
        return new ReleaseState(id, tenant, name, sourceType, sourceName, releaseName, targetNamespace, values,
                interval, timeout, createNamespace, installRetries, upgradeRetries, upgradeStrategy, maxHistory,
                suspend, version, deletionRequestedAt, phase, conditions, lastAppliedRevision, lastAttemptedRevision,
                currentRevision, inventory, failures, observedVersion, rollbackTo, installAttempts, upgradeAttempts,
                dueAt, revisions, attached, as, waitOptions, waiting);
    }

    /** The same release with its readiness-wait settings and state, as stored. */
    public ReleaseState withWait(WaitOptions options, PendingWait pending) {
        return new ReleaseState(id, tenant, name, sourceType, sourceName, releaseName, targetNamespace, values,
                interval, timeout, createNamespace, installRetries, upgradeRetries, upgradeStrategy, maxHistory,
                suspend, version, deletionRequestedAt, phase, conditions, lastAppliedRevision, lastAttemptedRevision,
                currentRevision, inventory, failures, observedVersion, rollbackTo, installAttempts, upgradeAttempts,
                dueAt, revisions, policy, identity, options, pending);
    }

    /** The wait in progress for the newest revision, if that revision is pending and waited for. */
    public Optional<PendingWait> waitingForNewest() {
        if (waiting == null || revisions.isEmpty() || !revisions.get(0).pending()
                || revisions.get(0).revision() != waiting.revision()) {
            return Optional.empty();
        }
        return Optional.of(waiting);
    }

    /** The revision now deployed, if any. */
    public Optional<RevisionRow> deployed() {
        return revisions.stream().filter(r -> RevisionRow.DEPLOYED.equals(r.status())).findFirst();
    }

    /** The newest install or upgrade attempt, whatever its outcome. */
    public Optional<RevisionRow> lastAttempt() {
        return revisions.stream().filter(RevisionRow::installOrUpgrade).findFirst();
    }

    public int nextRevisionNumber() {
        return revisions.isEmpty() ? 1 : revisions.get(0).revision() + 1;
    }

    /** The same spec and status with a fresh history, read again after an action wrote revisions. */
    public ReleaseState withRevisions(List<RevisionRow> fresh) {
        return new ReleaseState(id, tenant, name, sourceType, sourceName, releaseName, targetNamespace, values,
                interval, timeout, createNamespace, installRetries, upgradeRetries, upgradeStrategy, maxHistory,
                suspend, version, deletionRequestedAt, phase, conditions, lastAppliedRevision, lastAttemptedRevision,
                currentRevision, inventory, failures, observedVersion, rollbackTo, installAttempts, upgradeAttempts,
                dueAt, fresh, policy, identity, waitOptions, waiting);
    }

    public boolean specObserved() {
        return observedVersion != null && observedVersion == version;
    }
}
