package io.helmdeck.model;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Tags of an OCI repository as the registry lists them: semver tags newest first (`_` shown as `+`), then others. */
public record TagList(@Schema(example = "[\"6.5.1\", \"6.5.0\", \"6.4.0+build.1\", \"latest\"]") List<String> tags) {
}
