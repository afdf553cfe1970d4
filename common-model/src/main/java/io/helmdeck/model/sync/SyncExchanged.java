package io.helmdeck.model.sync;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** repo-service's answer to a {@link SyncExchange}: one result per report, in order, and the newly leased tasks. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncExchanged(List<ReportResult> results, List<SyncTask> tasks) {
}
