package io.helmdeck.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls until a condition holds: the sandbox's controllers work on their own schedule. */
final class Eventually {

    private Eventually() {
    }

    static <T> T await(Duration timeout, Supplier<T> read, java.util.function.Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T value = read.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still not as expected after " + timeout + ": " + value);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = read.get();
        }
        return value;
    }
}
