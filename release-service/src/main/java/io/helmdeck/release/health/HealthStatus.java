package io.helmdeck.release.health;

/** How far a deployed object is from doing its job, in kstatus' terms (Current is {@link #READY}). */
public enum HealthStatus {
    /** Doing what its spec asks: available, complete, bound, established. */
    READY("Ready"),
    /** On its way: rolling out, starting, waiting for an address or a controller. */
    IN_PROGRESS("InProgress"),
    /** Will not get there without a change: a failed Job or Pod, a deadline exceeded, a {@code Ready=False}. */
    FAILED("Failed"),
    /** Cannot be told: the object could not be read or makes no sense. */
    UNKNOWN("Unknown");

    private final String wire;

    HealthStatus(String wire) {
        this.wire = wire;
    }

    /** The name in the API and in status messages. */
    public String wire() {
        return wire;
    }
}
