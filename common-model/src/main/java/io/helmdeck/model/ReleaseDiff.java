package io.helmdeck.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the next upgrade would change, object by object, against the current revision's manifest. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseDiff(
        @Schema(description = "Helm revision compared against; absent before the first install") Integer currentRevision,
        @Schema(description = "Source revision the next upgrade would deploy") String sourceRevision,
        List<InventoryEntry> added,
        List<InventoryEntry> changed,
        List<InventoryEntry> removed,
        int unchanged) {
}
