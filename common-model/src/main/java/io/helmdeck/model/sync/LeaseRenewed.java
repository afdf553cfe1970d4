package io.helmdeck.model.sync;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The new end of a renewed lease. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaseRenewed(Instant leaseExpiresAt) {
}
