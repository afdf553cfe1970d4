package io.helmdeck.sync.testing;

import io.helmdeck.model.LayerSelector;
import io.helmdeck.model.OciRepositoryRef;
import io.helmdeck.model.sync.SyncCredentials;
import io.helmdeck.model.sync.SyncTask;

/** Sync tasks as repo-service hands them out, with the defaults its validator fills in. */
public final class TestTasks {
    private TestTasks() {
    }

    public static SyncTask tag(long id, String registry, String repository, String tag) {
        return task(id, registry, repository, new OciRepositoryRef(tag, null, null, null));
    }

    public static SyncTask task(long id, String registry, String repository, OciRepositoryRef ref) {
        return new SyncTask(id, "team-a", "repo-" + id, 1, "oci://" + registry + "/" + repository, 300, ref,
                new LayerSelector(LayerSelector.DEFAULT_MEDIA_TYPE, LayerSelector.EXTRACT),
                new SyncCredentials("none", null, null), true, null, "30s", null, null, 0, null);
    }

    /** The same task after a sync stored {@code revision} at spec version {@code observedVersion}. */
    public static SyncTask synced(SyncTask t, String revision, long observedVersion) {
        return new SyncTask(t.repositoryId(), t.tenant(), t.name(), t.specVersion(), t.url(), t.intervalSeconds(),
                t.ref(), t.layerSelector(), t.credentials(), t.insecure(), t.caCertificate(), t.timeout(), revision,
                observedVersion, t.consecutiveFailures(), t.leaseExpiresAt());
    }

    public static SyncTask withSpecVersion(SyncTask t, long specVersion) {
        return new SyncTask(t.repositoryId(), t.tenant(), t.name(), specVersion, t.url(), t.intervalSeconds(),
                t.ref(), t.layerSelector(), t.credentials(), t.insecure(), t.caCertificate(), t.timeout(),
                t.lastRevision(), t.observedVersion(), t.consecutiveFailures(), t.leaseExpiresAt());
    }

    public static SyncTask withLayer(SyncTask t, String mediaType, String operation) {
        return new SyncTask(t.repositoryId(), t.tenant(), t.name(), t.specVersion(), t.url(), t.intervalSeconds(),
                t.ref(), new LayerSelector(mediaType, operation), t.credentials(), t.insecure(), t.caCertificate(),
                t.timeout(), t.lastRevision(), t.observedVersion(), t.consecutiveFailures(), t.leaseExpiresAt());
    }

    public static SyncTask withTimeout(SyncTask t, String timeout) {
        return new SyncTask(t.repositoryId(), t.tenant(), t.name(), t.specVersion(), t.url(), t.intervalSeconds(),
                t.ref(), t.layerSelector(), t.credentials(), t.insecure(), t.caCertificate(), timeout,
                t.lastRevision(), t.observedVersion(), t.consecutiveFailures(), t.leaseExpiresAt());
    }

    public static SyncTask withCredentials(SyncTask t, SyncCredentials credentials) {
        return new SyncTask(t.repositoryId(), t.tenant(), t.name(), t.specVersion(), t.url(), t.intervalSeconds(),
                t.ref(), t.layerSelector(), credentials, t.insecure(), t.caCertificate(), t.timeout(),
                t.lastRevision(), t.observedVersion(), t.consecutiveFailures(), t.leaseExpiresAt());
    }
}
