package io.helmdeck.support.service;

import io.helmdeck.model.ProblemException;

/** Optimistic concurrency checks of the API: {@code If-Match} (412) and the body's {@code version} (409). */
public final class Preconditions {

    private Preconditions() {
    }

    /** The entity tag of a spec version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Fails with 412, naming the {@code record} ("repository"), when {@code ifMatch} is given and names neither {@code *} nor the current version. */
    public static void checkIfMatch(String ifMatch, long current, String record) {
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
                + ": the " + record + " was changed since you read it; read it again and retry");
    }

    /** Fails with 409, naming the {@code record}, when the body carries a version other than the current one. */
    public static void checkVersion(Long given, long current, String record) {
        if (given != null && given != current) {
            throw ProblemException.conflict("version " + given + " is stale: the current version is " + current
                    + "; read the " + record + " again and retry");
        }
    }
}
