package io.helmdeck.release.kube;

/** A revision in Helm's storage as its labels tell it: the revision number and Helm's status. */
public record HelmRevisionStatus(int version, HelmStatus status) {
}
