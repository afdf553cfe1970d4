package io.helmdeck.release.source;

import java.util.Objects;

import io.helmdeck.model.OciRepository;

/** What repo-service said about a release's source: it exists, it does not, or it could not be asked. */
public sealed interface SourceLookup {

    /** The repository exists; its status says whether it has an artifact to deploy. */
    record Found(OciRepository repository) implements SourceLookup {
        public Found {
            Objects.requireNonNull(repository, "repository");
        }
    }

    /** repo-service answered 404: no such repository in the tenant (the release's phase is SourceNotFound). */
    record NotFound() implements SourceLookup {
    }

    /** repo-service could not answer (down, timeout, 5xx, unreadable body); try again later. */
    record Unavailable(String message) implements SourceLookup {
    }
}
