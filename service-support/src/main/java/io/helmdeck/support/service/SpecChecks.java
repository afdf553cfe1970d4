package io.helmdeck.support.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.helmdeck.model.Violation;
import io.helmdeck.model.value.GoDuration;
import io.helmdeck.model.value.Interval;

/** Field rules every API record shares (interval, timeout, description, labels), each failure one violation. */
public final class SpecChecks {

    public static final int MAX_DESCRIPTION = 1024;
    public static final int MAX_LABELS = 64;
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private static final Pattern LABEL_NAME = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$");
    private static final Pattern LABEL_PREFIX = Pattern.compile(
            "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^([A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)?$");

    private SpecChecks() {
    }

    /** Checks {@code description} and {@code labels}; returns the labels, empty when none were given. */
    public static Map<String, String> describe(String description, Map<String, String> labels,
            List<Violation> violations) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            violations.add(new Violation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        Map<String, String> given = labels == null ? Map.of() : labels;
        checkLabels(given, violations);
        return given;
    }

    /** {@code interval} (MM:SS) in seconds, the default when absent; null with a violation when malformed. */
    public static Integer intervalSeconds(String interval, List<Violation> violations) {
        return interval == null
                ? (int) Interval.DEFAULT.seconds()
                : parse(violations, "interval", interval, s -> (int) Interval.parse(s).seconds());
    }

    /** {@code timeout} as a Go duration between 1s and 1h, {@code fallback} when absent. */
    public static String timeout(String timeout, String fallback, List<Violation> violations) {
        return timeout == null
                ? fallback
                : parse(violations, "timeout", timeout, s -> GoDuration.parse(s, MIN_TIMEOUT, MAX_TIMEOUT).toString());
    }

    /** The parsed value, or null with a violation carrying the parser's message. */
    public static <T> T parse(List<Violation> violations, String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field, e.getMessage()));
            return null;
        }
    }

    private static void checkLabels(Map<String, String> labels, List<Violation> violations) {
        if (labels.size() > MAX_LABELS) {
            violations.add(new Violation("labels", "must have at most " + MAX_LABELS + " entries"));
            return;
        }
        labels.forEach((key, value) -> {
            String field = "labels." + key;
            int slash = key.indexOf('/');
            String prefix = slash >= 0 ? key.substring(0, slash) : null;
            String name = slash >= 0 ? key.substring(slash + 1) : key;
            if ((prefix != null && (prefix.length() > 253 || !LABEL_PREFIX.matcher(prefix).matches()))
                    || !LABEL_NAME.matcher(name).matches()) {
                violations.add(new Violation(field, "key must be a Kubernetes label key ([prefix/]name, name of at "
                        + "most 63 alphanumerics, '-', '_' or '.')"));
            } else if (value == null || !LABEL_VALUE.matcher(value).matches()) {
                violations.add(new Violation(field, "value must be a Kubernetes label value (at most 63 "
                        + "alphanumerics, '-', '_' or '.', starting and ending alphanumeric)"));
            }
        });
    }
}
