package io.helmdeck.repo.client;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.client.ServiceAnswer;
import io.helmdeck.client.ServiceEndpoint;
import io.helmdeck.client.ServiceHttp;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.repo.config.SyncWorkerConfig;
import io.helmdeck.support.config.OwnServiceToken;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * sync-worker's internal probe API, the only component that talks to registries, through the shared client
 * (ADR 0021) with repo-service's token. Answers come back whatever their status: {@link RegistryProbeClient} says
 * what they mean.
 */
@ApplicationScoped
public class SyncWorkerApi {

    private final ServiceHttp http;

    public SyncWorkerApi(Vertx vertx, SyncWorkerConfig config, OwnServiceToken token, ObjectMapper json) {
        this.http = new ServiceHttp(vertx, new ServiceEndpoint("sync-worker", config.url(), config.timeout(),
                token.get()), json);
    }

    /** {@code POST /internal/v1/registry/tags}: the tags of the task's repository. */
    Uni<ServiceAnswer> tags(SyncTask task) {
        return http.postJson("/internal/v1/registry/tags", task);
    }

    /** {@code POST /internal/v1/registry/test}: what a sync of the task would find. */
    Uni<ServiceAnswer> test(SyncTask task) {
        return http.postJson("/internal/v1/registry/test", task);
    }

    ServiceHttp http() {
        return http;
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
