package io.helmdeck.model.value;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A sync/reconcile interval between 00:10 and 59:59, written {@code MM:SS} (the portal's format). */
public record Interval(Duration duration) {

    public static final Duration MIN = Duration.ofSeconds(10);
    public static final Duration MAX = Duration.ofSeconds(59 * 60 + 59);
    public static final Interval DEFAULT = new Interval(Duration.ofMinutes(5));

    static final String MESSAGE = "must be MM:SS between 00:10 and 59:59 or a duration such as 5m";

    private static final Pattern MM_SS = Pattern.compile("(\\d{2}):([0-5]\\d)");
    // Six digits per amount keep the sum far from long overflow; anything that long is out of range anyway.
    private static final Pattern GO_PART = Pattern.compile("(\\d{1,6})([hms])");

    public Interval {
        Objects.requireNonNull(duration, "duration");
        if (duration.getNano() != 0 || duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(MESSAGE);
        }
    }

    /**
     * Parses {@code MM:SS} (exactly two digits each) or a Go-style duration with integer amounts and units
     * h, m, s ({@code 5m}, {@code 1m30s}, {@code 90s}); surrounding whitespace is ignored.
     */
    public static Interval parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException(MESSAGE);
        }
        String t = s.strip();
        Matcher m = MM_SS.matcher(t);
        long seconds = m.matches()
                ? Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))
                : goSeconds(t);
        if (seconds < MIN.getSeconds() || seconds > MAX.getSeconds()) {
            throw new IllegalArgumentException(MESSAGE);
        }
        return new Interval(Duration.ofSeconds(seconds));
    }

    /** Seconds of a Go-style duration with integer amounts, or -1 when {@code t} is not one. */
    private static long goSeconds(String t) {
        if (t.isEmpty()) {
            return -1;
        }
        Matcher m = GO_PART.matcher(t);
        long total = 0;
        int pos = 0;
        while (pos < t.length()) {
            m.region(pos, t.length());
            if (!m.lookingAt()) {
                return -1;
            }
            long unit = switch (m.group(2)) {
                case "h" -> 3600;
                case "m" -> 60;
                default -> 1;
            };
            total += Long.parseLong(m.group(1)) * unit;
            if (total > MAX.getSeconds()) {
                return -1;
            }
            pos = m.end();
        }
        return total;
    }

    public long seconds() {
        return duration.getSeconds();
    }

    /** {@code MM:SS}, zero-padded. */
    @Override
    public String toString() {
        long s = seconds();
        return String.format("%02d:%02d", s / 60, s % 60);
    }
}
