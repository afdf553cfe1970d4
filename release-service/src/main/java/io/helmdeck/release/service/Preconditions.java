package io.helmdeck.release.service;

import io.helmdeck.model.ProblemException;

/** Optimistic concurrency checks of the API: {@code If-Match} (412) and the body's {@code version} (409). */
public final class Preconditions {

    private Preconditions() {
    }

    /** The entity tag of a spec version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Fails with 412 when {@code ifMatch} is given and names neither {@code *} nor the current version. */
    public static void checkIfMatch(String ifMatch, long current) {
        checkIfMatch(ifMatch, current, "the release");
    }

    /** As {@link #checkIfMatch(String, long)}, the message naming {@code what} was changed (e.g. "the policy"). */
    public static void checkIfMatch(String ifMatch, long current, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag(current))) {
                return;
            }
        }
        throw ProblemException.preconditionFailed("If-Match does not match the current version " + etag(current)
                + ": " + what + " was changed since you read it; read it again and retry");
    }

    /** Fails with 409 when the body carries a version other than the current one. */
    public static void checkVersion(Long given, long current) {
        checkVersion(given, current, "the release");
    }

    /** As {@link #checkVersion(Long, long)}, the message naming what to read again (e.g. "the policy"). */
    public static void checkVersion(Long given, long current, String what) {
        if (given != null && given != current) {
            throw ProblemException.conflict("version " + given + " is stale: the current version is " + current
                    + "; read " + what + " again and retry");
        }
    }
}
