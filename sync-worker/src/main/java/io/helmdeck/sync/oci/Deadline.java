package io.helmdeck.sync.oci;

import java.time.Duration;
import java.time.Instant;

/** The end of one client operation; every request and wait inside it gets only the time that is left. */
record Deadline(Instant end, Duration total) {

    static Deadline in(Duration total) {
        return new Deadline(Instant.now().plus(total), total);
    }

    Duration remaining() {
        Duration left = Duration.between(Instant.now(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    boolean expired() {
        return remaining().isZero();
    }
}
