package io.helmdeck.model.sync;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The repositories a worker now holds leases on. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClaimResponse(List<SyncTask> tasks) {
}
