package io.helmdeck.repo.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where release-service is, and how repo-service tells it about source changes. */
@ConfigMapping(prefix = "helmdeck.release-service")
public interface ReleaseServiceConfig {

    /** Base URL of release-service, e.g. {@code http://release-service:8082}. */
    @WithDefault("http://localhost:8082")
    String url();

    /** Deadline of one delivery attempt, connecting included. */
    @WithDefault("5s")
    Duration timeout();

    /** Source-change events. */
    Events events();

    /** Source-change events sent after a new revision is stored or a repository is deleted. */
    interface Events {

        /** Off: nothing is sent; releases still pick up changes on their own interval. */
        @WithDefault("true")
        boolean enabled();

        /** Attempts per event, the first one included. */
        @WithDefault("3")
        int attempts();

        /** Wait before the first retry; doubles for each further retry. */
        @WithDefault("500ms")
        Duration backoff();
    }
}
