package io.helmdeck.model;

/** Summary phase of an OCI repository, derived from its Ready condition and spec. */
public enum RepositoryPhase {
    Pending, Ready, Failed, Suspended
}
