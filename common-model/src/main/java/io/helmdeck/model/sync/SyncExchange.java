package io.helmdeck.model.sync;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One round trip of a sync worker (ADR 0025): the results it finished since its last exchange, and, when it has free
 * slots, a claim for more. repo-service applies the reports first (which releases their leases), then claims, so a
 * worker never needs a second call per batch. Either part may be empty or absent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncExchange(List<LeaseReport> reports, ClaimRequest claim) {
}
