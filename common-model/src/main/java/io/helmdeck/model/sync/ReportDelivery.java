package io.helmdeck.model.sync;

/** What repo-service did with one report of an exchange. */
public enum ReportDelivery {
    /** Stored: status, schedule and history as the report says; the lease is released. */
    Accepted,
    /** The lease is not the reporter's (it lapsed and another worker claimed it): nothing changed. */
    LeaseLost,
    /** The repository was deleted while it synced: nothing to change. */
    RepositoryGone
}
