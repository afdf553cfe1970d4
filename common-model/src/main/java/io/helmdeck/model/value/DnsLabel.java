package io.helmdeck.model.value;

import java.util.Optional;
import java.util.regex.Pattern;

/** Checks DNS-1123 labels (tenant, repository and release names). */
public final class DnsLabel {

    public static final int MAX_TENANT = 63;
    public static final int MAX_REPOSITORY_NAME = 63;
    /** Helm keeps release names to 53 characters so that derived object names still fit in 63. */
    public static final int MAX_RELEASE_NAME = 53;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[-a-z0-9]*[a-z0-9])?");

    private DnsLabel() {
    }

    /** Returns why {@code value} is not a DNS-1123 label of at most {@code maxLength} characters, or empty if it is one. */
    public static Optional<String> check(String value, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
        if (value == null || value.isEmpty()) {
            return Optional.of("is required");
        }
        if (value.length() > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters");
        }
        if (!LABEL.matcher(value).matches()) {
            return Optional.of("must consist of lowercase letters, digits and '-', and start and end with a letter or digit");
        }
        return Optional.empty();
    }
}
