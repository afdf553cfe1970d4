package io.helmdeck.model.value;

import java.util.Objects;

/** The revision of a synced artifact: {@code tag@sha256:<hex>}, or {@code sha256:<hex>} when pulled by digest. */
public record Revision(String tag, Digest digest) {

    static final String MESSAGE = "must be <tag>@sha256:<64 hex> or sha256:<64 hex>";

    public Revision {
        Objects.requireNonNull(digest, "digest");
        if (tag != null) {
            OciTag.check(tag);
        }
    }

    public static Revision of(String tag, Digest digest) {
        return new Revision(tag, digest);
    }

    /** Parses {@code tag@sha256:<hex>} or {@code sha256:<hex>}. */
    public static Revision parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException(MESSAGE);
        }
        int at = s.indexOf('@');
        String tag = at < 0 ? null : s.substring(0, at);
        try {
            return new Revision(tag, Digest.parse(s.substring(at + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MESSAGE);
        }
    }

    @Override
    public String toString() {
        return tag == null ? digest.toString() : tag + "@" + digest;
    }
}
