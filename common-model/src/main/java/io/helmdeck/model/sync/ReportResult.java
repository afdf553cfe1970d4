package io.helmdeck.model.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The fate of one report of an exchange. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportResult(long repositoryId, ReportDelivery delivery) {
}
