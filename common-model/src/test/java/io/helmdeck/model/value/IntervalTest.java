package io.helmdeck.model.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IntervalTest {

    @ParameterizedTest
    @CsvSource({
            "00:10, 10, 00:10",
            "05:00, 300, 05:00",
            "59:59, 3599, 59:59",
            "01:30, 90, 01:30",
            "10:00, 600, 10:00",
            "' 05:00 ', 300, 05:00",
            "5m, 300, 05:00",
            "1m30s, 90, 01:30",
            "90s, 90, 01:30",
            "10s, 10, 00:10",
            "59m59s, 3599, 59:59",
            "3599s, 3599, 59:59",
            "0h5m, 300, 05:00",
            "05m, 300, 05:00",
            "1m1m, 120, 02:00",
    })
    void parsesValidIntervals(String input, long seconds, String printed) {
        Interval interval = Interval.parse(input);
        assertThat(interval.seconds()).isEqualTo(seconds);
        assertThat(interval.duration()).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(interval).hasToString(printed);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            " ", "00:09", "00:00", "60:00", "99:59", "05:60", "5:00", "005:00", "05:0", "05-00", "05:00:00",
            "9s", "1h", "60m", "3600s", "0s", "5", "5 m", "5M", "1.5m", "-5m", "+5m", "500ms", "1d", "m",
            "5m5", "05:00s", "999999999999h", "1000000h", "PT5M", "abc"})
    void rejectsInvalidIntervals(String input) {
        assertThatThrownBy(() -> Interval.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be MM:SS between 00:10 and 59:59 or a duration such as 5m");
    }

    @Test
    void defaultIsFiveMinutes() {
        assertThat(Interval.DEFAULT).hasToString("05:00");
        assertThat(Interval.DEFAULT.seconds()).isEqualTo(300);
        assertThat(Interval.parse("5m")).isEqualTo(Interval.DEFAULT);
    }

    @Test
    void constructorEnforcesTheSameRange() {
        assertThat(new Interval(Duration.ofSeconds(10))).hasToString("00:10");
        assertThatThrownBy(() -> new Interval(Duration.ofSeconds(9))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Interval(Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Interval(Duration.ofMillis(10_500))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Interval(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalityIsByDuration() {
        assertThat(Interval.parse("01:30")).isEqualTo(Interval.parse("90s")).hasSameHashCodeAs(Interval.parse("1m30s"));
    }
}
