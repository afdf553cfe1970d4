package io.helmdeck.sync.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class TokenCacheTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final MovableClock clock = new MovableClock();
    final TokenCache cache = new TokenCache(clock);
    final TokenCache.Key key = new TokenCache.Key("r.io", "repository:a:pull", "anonymous");

    @Test
    void tokenIsReusedUntilShortlyBeforeItExpires() {
        cache.put(key, "t1", 60);

        clock.now = clock.now.plus(Duration.ofSeconds(54));
        assertThat(cache.get(key)).contains("t1");

        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertThat(cache.get(key)).isEmpty();
    }

    @Test
    void tokensAreKeptApartByScopeAndCredentials() {
        cache.put(key, "t1", 60);

        assertThat(cache.get(new TokenCache.Key("r.io", "repository:b:pull", "anonymous"))).isEmpty();
        assertThat(cache.get(new TokenCache.Key("r.io", "repository:a:pull", "basic:abc"))).isEmpty();
    }

    @Test
    void invalidateDropsTheToken() {
        cache.put(key, "t1", 60);
        cache.invalidate(key);
        assertThat(cache.get(key)).isEmpty();
    }
}
