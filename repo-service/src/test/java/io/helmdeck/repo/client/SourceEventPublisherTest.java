package io.helmdeck.repo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.helmdeck.model.release.SourceEvent;
import io.helmdeck.repo.config.ReleaseServiceConfig;
import io.smallrye.mutiny.Uni;

/** The publisher's retry and switch, without a running service. */
class SourceEventPublisherTest {

    private static final SourceEvent EVENT = new SourceEvent("team-a", "podinfo", SourceEvent.REVISION,
            "6.5.0@sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64));

    @Test
    void aFailingCallIsRetriedUpToTheConfiguredAttemptsThenGivesUp() {
        CountingApi api = new CountingApi(Integer.MAX_VALUE);
        SourceEventPublisher publisher = new SourceEventPublisher(api.api, config(true, 3));

        assertThatThrownBy(() -> publisher.send(EVENT).await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("release-service down");
        assertThat(api.calls).hasValue(3);
    }

    @Test
    void aCallThatRecoversIsDeliveredOnce() {
        CountingApi api = new CountingApi(1);
        SourceEventPublisher publisher = new SourceEventPublisher(api.api, config(true, 3));

        publisher.send(EVENT).await().atMost(Duration.ofSeconds(5));
        assertThat(api.calls).hasValue(2);
        assertThat(api.delivered).hasValue(1);
    }

    @Test
    void publishNeverThrowsEvenWhenEveryAttemptFails() throws InterruptedException {
        CountingApi api = new CountingApi(Integer.MAX_VALUE);
        new SourceEventPublisher(api.api, config(true, 2)).publish(EVENT);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (api.calls.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(api.calls).hasValue(2);
    }

    @Test
    void switchedOffNothingIsSent() throws InterruptedException {
        CountingApi api = new CountingApi(0);
        new SourceEventPublisher(api.api, config(false, 3)).publish(EVENT);

        Thread.sleep(100);
        assertThat(api.calls).hasValue(0);
    }

    /**
     * A release-service that fails the first {@code failures} calls, then accepts. A lambda, not a class: Quarkus
     * would take a test class implementing the client interface for a bean.
     */
    private static final class CountingApi {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger delivered = new AtomicInteger();
        final ReleaseServiceApi api;

        CountingApi(int failures) {
            api = event -> Uni.createFrom().item(calls::incrementAndGet).flatMap(n -> {
                if (n <= failures) {
                    return Uni.createFrom().failure(new IllegalStateException("release-service down"));
                }
                delivered.incrementAndGet();
                return Uni.createFrom().voidItem();
            });
        }
    }

    private static ReleaseServiceConfig config(boolean enabled, int attempts) {
        ReleaseServiceConfig.Events events = new ReleaseServiceConfig.Events() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int attempts() {
                return attempts;
            }

            @Override
            public Duration backoff() {
                return Duration.ofMillis(10);
            }
        };
        return new ReleaseServiceConfig() {
            @Override
            public String url() {
                return "http://unused";
            }

            @Override
            public Events events() {
                return events;
            }
        };
    }
}
