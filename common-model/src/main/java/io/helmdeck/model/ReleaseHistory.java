package io.helmdeck.model;

import java.util.List;

/** The kept revisions of a release, newest first. */
public record ReleaseHistory(List<ReleaseRevision> items) {
}
