package io.helmdeck.release.source;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.client.ServiceEndpoint;
import io.helmdeck.client.ServiceHttp;
import io.helmdeck.support.config.OwnServiceToken;
import io.vertx.core.Vertx;

/**
 * release-service's one connection to repo-service's internal API (ADR 0021): the shared wrapper set up from
 * {@code helmdeck.repo-service.*} and this service's token, one connection pool for source lookups and chart
 * downloads. release-service reads sources and charts only there, never through the public API, so no user token is
 * involved and a release only ever names its own tenant (ADR 0013).
 */
@ApplicationScoped
public class SourceHttp {

    private final ServiceHttp http;

    public SourceHttp(Vertx vertx, SourceApiConfig config, OwnServiceToken serviceToken) {
        // Its own mapper, not the service's: the service's refuses duplicate keys and unknown fields in requests,
        // while an answer from a neighbouring repo-service version may well add fields.
        this.http = new ServiceHttp(vertx, new ServiceEndpoint("repo-service", config.url(), config.timeout(),
                serviceToken.get()), new ObjectMapper().findAndRegisterModules());
    }

    ServiceHttp http() {
        return http;
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
