package io.helmdeck.release.persistence;

import java.util.List;
import java.util.Map;

import io.helmdeck.model.InventoryEntry;

/** One stored Helm revision, as the reconciler needs it (the manifest text stays in the database). */
public record RevisionRow(int revision, String chartName, String chartVersion, String appVersion,
        String sourceRevision, String sourceDigest, Map<String, Object> values, String valuesDigest,
        List<InventoryEntry> inventory, String status, String action) {

    public static final String INSTALL = "install";
    public static final String UPGRADE = "upgrade";
    public static final String ROLLBACK = "rollback";
    public static final String UNINSTALL = "uninstall";

    public static final String DEPLOYED = "deployed";
    public static final String SUPERSEDED = "superseded";
    public static final String FAILED = "failed";
    public static final String ROLLED_BACK = "rolled-back";
    public static final String UNINSTALLED = "uninstalled";
    public static final String PENDING_PREFIX = "pending-";

    public boolean pending() {
        return status.startsWith(PENDING_PREFIX);
    }

    /** Same chart artifact and same values. */
    public boolean sameInputs(String digest, String valuesDigest) {
        return digest.equals(sourceDigest) && valuesDigest.equals(this.valuesDigest);
    }

    public boolean installOrUpgrade() {
        return INSTALL.equals(action) || UPGRADE.equals(action);
    }
}
