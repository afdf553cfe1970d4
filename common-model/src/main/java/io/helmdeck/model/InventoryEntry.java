package io.helmdeck.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One object a release applied; {@code namespace} is absent for cluster-scoped objects. In a release's status it
 * also carries the object's health as last read from the cluster (absent where it was never read).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InventoryEntry(String apiVersion, String kind, String namespace, String name,
        @Schema(description = "The object's health when last read (kstatus' verdict)",
                enumeration = {"Ready", "InProgress", "Failed", "Unknown"}, readOnly = true) String health,
        @Schema(description = "Why, in one line, e.g. \"Deployment team-a/web: 1/3 available\"", readOnly = true)
        String healthMessage) {

    /** An entry without health: what revisions record and what identifies an object. */
    public InventoryEntry(String apiVersion, String kind, String namespace, String name) {
        this(apiVersion, kind, namespace, name, null, null);
    }

    /** The same object with its health. */
    public InventoryEntry withHealth(String status, String message) {
        return new InventoryEntry(apiVersion, kind, namespace, name, status, message);
    }

    /** The same object without health, as identity (sets, stale-object comparisons, revision records). */
    public InventoryEntry withoutHealth() {
        return health == null && healthMessage == null ? this : new InventoryEntry(apiVersion, kind, namespace, name);
    }
}
