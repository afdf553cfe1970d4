package io.helmdeck.model.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which artifact of an OCI repository to take: a tag, the highest tag in a semver range, or a pinned digest.
 *
 * <p>As in Flux, an empty string counts as "not given", and precedence is digest &gt; semver &gt; tag.
 */
public sealed interface OciReference permits OciReference.Tag, OciReference.Semver, OciReference.Pinned {

    String FIELD_TAG = "ref.tag";
    String FIELD_SEMVER = "ref.semver";
    String FIELD_SEMVER_FILTER = "ref.semverFilter";
    String FIELD_DIGEST = "ref.digest";

    /** Short human-readable form, e.g. {@code tag 18.9.0}. */
    String describe();

    /** A fixed OCI tag. */
    record Tag(String tag) implements OciReference {

        public Tag {
            OciTag.check(tag);
        }

        @Override
        public String describe() {
            return "tag " + tag;
        }
    }

    /** The highest tag satisfying a semver range, optionally after a regex filter on the versions. */
    record Semver(String range, String filter) implements OciReference {

        public Semver {
            Objects.requireNonNull(range, "range");
            filter = filter == null || filter.isEmpty() ? null : filter;
            SemverSelector.parse(range, filter);
        }

        public SemverSelector selector() {
            return SemverSelector.parse(range, filter);
        }

        @Override
        public String describe() {
            return filter == null ? "semver " + range : "semver " + range + " filter " + filter;
        }
    }

    /** A manifest pinned by digest. */
    record Pinned(Digest digest) implements OciReference {

        public Pinned {
            Objects.requireNonNull(digest, "digest");
        }

        @Override
        public String describe() {
            return "digest " + digest;
        }
    }

    /**
     * Builds the reference that wins by precedence (digest &gt; semver &gt; tag, {@code latest} when nothing is given)
     * after validating every given field; the exception message lists each invalid field.
     */
    static OciReference of(String tag, String semver, String semverFilter, String digest) {
        List<FieldError> errors = validate(tag, semver, semverFilter, digest);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.stream()
                    .map(e -> e.field() + " " + e.message())
                    .collect(Collectors.joining("; ")));
        }
        if (given(digest)) {
            return new Pinned(Digest.parse(digest));
        }
        if (given(semver)) {
            return new Semver(semver, semverFilter);
        }
        return new Tag(given(tag) ? tag : "latest");
    }

    /** One error per invalid field, including fields that precedence would ignore; empty when all are valid. */
    static List<FieldError> validate(String tag, String semver, String semverFilter, String digest) {
        List<FieldError> errors = new ArrayList<>();
        if (given(tag) && !OciTag.isValid(tag)) {
            errors.add(new FieldError(FIELD_TAG, OciTag.MESSAGE));
        }
        if (given(semver)) {
            try {
                SemverSelector.checkRange(semver);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(FIELD_SEMVER, e.getMessage()));
            }
        }
        if (given(semverFilter)) {
            if (!given(semver)) {
                errors.add(new FieldError(FIELD_SEMVER_FILTER, "semverFilter needs semver"));
            } else {
                try {
                    SemverSelector.compileFilter(semverFilter);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(FIELD_SEMVER_FILTER, e.getMessage()));
                }
            }
        }
        if (given(digest)) {
            try {
                Digest.parse(digest);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(FIELD_DIGEST, e.getMessage()));
            }
        }
        return List.copyOf(errors);
    }

    private static boolean given(String value) {
        return value != null && !value.isEmpty();
    }
}
