package io.helmdeck.model.value;

import java.util.regex.Pattern;

/** The OCI distribution tag grammar, shared by {@link OciReference.Tag} and {@link Revision}. */
final class OciTag {

    static final String MESSAGE =
            "must be an OCI tag: up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'";

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private OciTag() {
    }

    static boolean isValid(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    static void check(String tag) {
        if (!isValid(tag)) {
            throw new IllegalArgumentException(MESSAGE);
        }
    }
}
