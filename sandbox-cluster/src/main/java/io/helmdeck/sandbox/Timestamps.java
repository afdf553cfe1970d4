package io.helmdeck.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Kubernetes' timestamps (RFC 3339, whole seconds) and its rule for condition transition times. */
final class Timestamps {

    private Timestamps() {
    }

    static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A condition keeps its {@code lastTransitionTime} while its status stays the same. */
    static String transition(String oldStatus, String oldTime, String newStatus, Instant now) {
        return newStatus.equals(oldStatus) && oldTime != null ? oldTime : format(now);
    }
}
