package io.helmdeck.model.sync;

import java.util.List;

/** The repositories a worker now holds leases on. */
public record ClaimResponse(List<SyncTask> tasks) {
}
