package io.helmdeck.model.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
            "60s, 60000",
            "5m, 300000",
            "1h, 3600000",
            "1m30s, 90000",
            "1h30m, 5400000",
            "2h45m30s, 9930000",
            "1.5s, 1500",
            "1.5h, 5400000",
            ".5s, 500",
            "1.s, 1000",
            "500ms, 500",
            "1s500ms, 1500",
            "0s, 0",
            "0.001s, 1",
            "90s, 90000",
            "10m10m, 1200000",
            "' 5m ', 300000",
    })
    void parsesGoDurations(String input, long millis) {
        GoDuration d = GoDuration.parse(input);
        assertThat(d.duration()).isEqualTo(Duration.ofMillis(millis));
        assertThat(d).hasToString(input.strip());
        assertThat(d.text()).isEqualTo(input.strip());
    }

    @Test
    void keepsSubMillisecondPrecisionAndTruncatesBelowNanoseconds() {
        assertThat(GoDuration.parse("0.0000000015s").duration()).isEqualTo(Duration.ofNanos(1));
        assertThat(GoDuration.parse("1.000001ms").duration()).isEqualTo(Duration.ofNanos(1_000_001));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "5", "0", "-5s", "+5s", "5 m", "5M", "5S", "1d", "1w", "5us", "5ns", "5µs", "s", ".s",
            "1..5s", "1.5.s", "5m-", "PT5M", "05:00", "5mm", "m5", "1h 30m", "١s"})
    void rejectsInvalidSyntax(String input) {
        assertThatThrownBy(() -> GoDuration.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be a duration such as 60s, 5m or 1h30m (units ms, s, m, h)");
    }

    @Test
    void rejectsValuesBeyondGoRange() {
        assertThat(GoDuration.parse("2562047h").duration()).isEqualTo(Duration.ofHours(2562047));
        assertThatThrownBy(() -> GoDuration.parse("2562048h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most");
        assertThatThrownBy(() -> GoDuration.parse("9".repeat(65) + "s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void enforcesBoundsInclusively() {
        Duration min = Duration.ofSeconds(1);
        Duration max = Duration.ofHours(1);
        assertThat(GoDuration.parse("1s", min, max).duration()).isEqualTo(min);
        assertThat(GoDuration.parse("60m", min, max).duration()).isEqualTo(max);
        assertThatThrownBy(() -> GoDuration.parse("999ms", min, max))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be a duration between 1s and 1h");
        assertThatThrownBy(() -> GoDuration.parse("1h0m1s", min, max))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be a duration between 1s and 1h");
        assertThatThrownBy(() -> GoDuration.parse("x", min, max))
                .hasMessage("must be a duration such as 60s, 5m or 1h30m (units ms, s, m, h)");
    }

    @ParameterizedTest
    @CsvSource({
            "PT2H, 2h",
            "PT5M, 5m",
            "PT1M, 1m",
            "PT90S, 90s",
            "PT60S, 1m",
            "PT1H30M, 90m",
            "PT0S, 0s",
            "PT0.5S, 500ms",
            "PT1.5S, 1500ms",
            "PT0.000001S, 0.000001s",
            "PT1.0000015S, 1.0000015s",
    })
    void formatsShortGoText(String iso, String expected) {
        Duration d = Duration.parse(iso);
        assertThat(GoDuration.format(d)).isEqualTo(expected);
        assertThat(GoDuration.parse(expected).duration()).isEqualTo(d);
    }

    @Test
    void formatRejectsNegativeDurations() {
        assertThatThrownBy(() -> GoDuration.format(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofUsesFormattedText() {
        GoDuration d = GoDuration.of(Duration.ofSeconds(60));
        assertThat(d.text()).isEqualTo("1m");
        assertThat(d.duration()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void constructorKeepsTextAndDurationConsistent() {
        assertThat(new GoDuration(Duration.ofSeconds(90), " 1m30s ").text()).isEqualTo("1m30s");
        assertThatThrownBy(() -> new GoDuration(Duration.ofSeconds(91), "1m30s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GoDuration(Duration.ofSeconds(-1), "1s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GoDuration(Duration.ofDays(365L * 1_000_000), "1h"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityIncludesTheText() {
        assertThat(GoDuration.parse("60s")).isEqualTo(GoDuration.parse("60s")).isNotEqualTo(GoDuration.parse("1m"));
    }
}
