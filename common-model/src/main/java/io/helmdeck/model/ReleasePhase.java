package io.helmdeck.model;

/** Summary phase of a Helm release. */
public enum ReleasePhase {
    Pending, Deployed, Failed, SourceNotReady, SourceNotFound, ClusterUnavailable, Suspended, Uninstalling
}
