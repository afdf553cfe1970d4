package io.helmdeck.repo.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SyncScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void successSchedulesTheIntervalWithinFivePercentEitherWay() {
        assertThat(new SyncSchedule(() -> 0.0).afterSuccess(NOW, FIVE_MINUTES)).isEqualTo(NOW.plusSeconds(285));
        assertThat(new SyncSchedule(() -> 0.5).afterSuccess(NOW, FIVE_MINUTES)).isEqualTo(NOW.plusSeconds(300));
        assertThat(new SyncSchedule(() -> 0.999999).afterSuccess(NOW, FIVE_MINUTES))
                .isBetween(NOW.plusSeconds(314), NOW.plusSeconds(315));
    }

    @Test
    void failuresBackOffExponentiallyFromFiveSecondsCappedAtTheInterval() {
        SyncSchedule schedule = new SyncSchedule(() -> 0.5);
        assertThat(SyncSchedule.backoff(FIVE_MINUTES, 1)).hasSeconds(5);
        assertThat(SyncSchedule.backoff(FIVE_MINUTES, 2)).hasSeconds(10);
        assertThat(SyncSchedule.backoff(FIVE_MINUTES, 6)).hasSeconds(160);
        assertThat(SyncSchedule.backoff(FIVE_MINUTES, 7)).isEqualTo(FIVE_MINUTES);
        assertThat(SyncSchedule.backoff(FIVE_MINUTES, 1000)).isEqualTo(FIVE_MINUTES);
        assertThat(schedule.afterFailure(NOW, Duration.ofSeconds(10), 3, null)).isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void retryAfterWinsWhenItIsLonger() {
        SyncSchedule schedule = new SyncSchedule(() -> 0.5);
        assertThat(schedule.afterFailure(NOW, FIVE_MINUTES, 1, 90L)).isEqualTo(NOW.plusSeconds(90));
        assertThat(schedule.afterFailure(NOW, FIVE_MINUTES, 3, 2L)).isEqualTo(NOW.plusSeconds(20));
    }
}
