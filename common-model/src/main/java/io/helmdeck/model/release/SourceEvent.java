package io.helmdeck.model.release;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Sent by repo-service to release-service's internal API when an OCI repository gets a new revision or is deleted,
 * so releases built from it reconcile at once instead of on their next interval.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceEvent(String tenant, String sourceName, String type, String revision, String digest) {

    /** A sync stored a new revision. */
    public static final String REVISION = "Revision";
    /** The repository was deleted. */
    public static final String DELETED = "Deleted";
}
