package io.helmdeck.sync.reconcile;

import java.time.Duration;

import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.sync.oci.RegistryTarget;

/** Where a task's registry calls go, parsed exactly as a sync parses it. */
public final class SyncTargets {

    private SyncTargets() {
    }

    public static RegistryTarget of(SyncTask task, Duration defaultTimeout) {
        return SyncSpec.of(task, defaultTimeout).target();
    }
}
