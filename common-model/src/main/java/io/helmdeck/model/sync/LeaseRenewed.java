package io.helmdeck.model.sync;

import java.time.Instant;

/** The new end of a renewed lease. */
public record LeaseRenewed(Instant leaseExpiresAt) {
}
