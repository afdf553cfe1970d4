package io.helmdeck.model.sync;

/** How a sync ended. */
public enum SyncOutcome {
    /** The resolved digest and the spec are as last time: only the schedule moves. */
    Unchanged,
    /** A new artifact was verified and stored. */
    Updated,
    /** The sync failed; the reason says why and the last good artifact stays. */
    Failed
}
