package io.helmdeck.model.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration in Go syntax ({@code 60s}, {@code 1m30s}, {@code 1.5h}, {@code 500ms}) that keeps the text the user wrote. */
public record GoDuration(Duration duration, String text) {

    static final String MESSAGE = "must be a duration such as 60s, 5m or 1h30m (units ms, s, m, h)";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ms|s|m|h)");
    private static final int MAX_TEXT = 64;
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    public GoDuration {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(text, "text");
        text = text.strip();
        // The canonical constructor is public, so keep text and duration from disagreeing.
        BigDecimal nanos = BigDecimal.valueOf(duration.getSeconds()).scaleByPowerOfTen(9).add(BigDecimal.valueOf(duration.getNano()));
        if (nanosOf(text).compareTo(nanos) != 0) {
            throw new IllegalArgumentException("text does not match duration");
        }
    }

    /** Parses Go duration syntax: one or more {@code <number><unit>}, units ms, s, m, h, decimals allowed, no sign. */
    public static GoDuration parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException(MESSAGE);
        }
        String text = s.strip();
        return new GoDuration(Duration.ofNanos(nanosOf(text).longValueExact()), text);
    }

    /** Like {@link #parse(String)}, and also requires {@code min <= duration <= max}. */
    public static GoDuration parse(String s, Duration min, Duration max) {
        GoDuration d = parse(s);
        if (d.duration.compareTo(min) < 0 || d.duration.compareTo(max) > 0) {
            throw new IllegalArgumentException("must be a duration between " + format(min) + " and " + format(max));
        }
        return d;
    }

    /** A duration whose text is {@link #format(Duration)}. */
    public static GoDuration of(Duration d) {
        return new GoDuration(d, format(d));
    }

    /**
     * Short Go-like text: whole hours as {@code 2h}, whole minutes as {@code 5m}, whole seconds as {@code 90s},
     * whole milliseconds as {@code 500ms}, anything finer as decimal seconds; {@link #parse(String)} reads it back.
     */
    public static String format(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        long s = d.getSeconds();
        if (d.getNano() == 0) {
            if (s != 0 && s % 3600 == 0) {
                return s / 3600 + "h";
            }
            if (s != 0 && s % 60 == 0) {
                return s / 60 + "m";
            }
            return s + "s";
        }
        if (d.getNano() % 1_000_000 == 0) {
            return d.toMillis() + "ms";
        }
        return BigDecimal.valueOf(s).add(BigDecimal.valueOf(d.getNano(), 9)).stripTrailingZeros().toPlainString() + "s";
    }

    /** Nanoseconds of {@code text}, truncated to whole nanoseconds as Go does. */
    private static BigDecimal nanosOf(String text) {
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException(MESSAGE);
        }
        Matcher m = PART.matcher(text);
        BigDecimal total = BigDecimal.ZERO;
        int pos = 0;
        while (pos < text.length()) {
            m.region(pos, text.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException(MESSAGE);
            }
            long unitNanos = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos)));
            pos = m.end();
        }
        total = total.setScale(0, RoundingMode.DOWN);
        // Go durations are int64 nanoseconds; larger values are an error there too.
        if (total.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("must be a duration of at most 2562047h");
        }
        return total;
    }

    @Override
    public String toString() {
        return text;
    }
}
