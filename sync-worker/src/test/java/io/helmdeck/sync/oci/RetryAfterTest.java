package io.helmdeck.sync.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void readsSeconds() {
        assertThat(RetryAfter.parse("42", NOW)).contains(Duration.ofSeconds(42));
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.parse("Mon, 05 Jan 2026 10:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(RetryAfter.parse("Mon, 05 Jan 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void garbageIsIgnored() {
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }
}
