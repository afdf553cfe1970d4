package io.helmdeck.release.source;

/** A chart artifact could not be had by its digest. The message is for users (it lands in the release status). */
public class ChartFetchException extends Exception {

    /** Why the fetch failed; all of them map to the release reason {@code ArtifactFailed}. */
    public enum Kind {
        /** The digest is not {@code sha256:<64 hex>}. */
        INVALID_DIGEST,
        /** repo-service has no artifact with this digest (404). */
        NOT_FOUND,
        /** repo-service could not be reached or answered an error; worth retrying. */
        UNAVAILABLE,
        /** The bytes received do not hash to the digest asked for; nothing was cached. */
        DIGEST_MISMATCH,
        /** The artifact is larger than {@code helmdeck.charts.max-bytes}. */
        TOO_LARGE,
        /** A file in the local cache folder cannot be read or removed (a failed write only costs a download). */
        STORAGE
    }

    private final Kind kind;

    public ChartFetchException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ChartFetchException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
