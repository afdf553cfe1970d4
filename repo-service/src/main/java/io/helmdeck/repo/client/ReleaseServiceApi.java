package io.helmdeck.repo.client;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.client.ServiceEndpoint;
import io.helmdeck.client.ServiceHttp;
import io.helmdeck.model.release.SourceEvent;
import io.helmdeck.repo.config.ReleaseServiceConfig;
import io.helmdeck.support.config.OwnServiceToken;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** release-service's internal API for source changes, through the shared client (ADR 0021) with repo-service's token. */
@ApplicationScoped
public class ReleaseServiceApi {

    private final ServiceHttp http;

    public ReleaseServiceApi(Vertx vertx, ReleaseServiceConfig config, OwnServiceToken token, ObjectMapper json) {
        this.http = new ServiceHttp(vertx, new ServiceEndpoint("release-service", config.url(), config.timeout(),
                token.get()), json);
    }

    /**
     * {@code POST /internal/v1/source-events}; release-service answers 202. Any other answer fails the Uni with
     * release-service's explanation, so the publisher's retry sees it like a lost connection.
     */
    public Uni<Void> sourceChanged(SourceEvent event) {
        return http.postJson("/internal/v1/source-events", event).map(answer -> {
            if (!answer.ok()) {
                throw http.unexpected(answer, "source event " + event.type());
            }
            return null;
        });
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
