package io.helmdeck.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One object of the deployed revision that differs from the cluster, as the last drift check found it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An object that drifted from the deployed revision")
public record DriftedObject(
        String apiVersion,
        String kind,
        @Schema(description = "Absent for cluster-scoped objects") String namespace,
        String name,
        @Schema(description = "The object is gone from the cluster") boolean missing,
        @Schema(description = "JSON pointers of the fields Helmdeck set that now differ (empty when missing)")
        List<String> fields,
        @Schema(description = "When this drift was first seen") Instant detectedAt,
        @Schema(description = "When Helmdeck re-applied the object (mode enabled); absent while it is only reported")
        Instant correctedAt) {
}
