package io.helmdeck.repo.client;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.helmdeck.client.ServiceAnswer;
import io.helmdeck.client.ServiceCallException;
import io.helmdeck.model.Problem;
import io.helmdeck.model.ProblemException;
import io.helmdeck.model.RepositoryTestResult;
import io.helmdeck.model.TagList;
import io.helmdeck.model.sync.SyncTask;
import io.smallrye.mutiny.Uni;

/** Asks a sync worker to look at a registry; a worker that cannot be reached is a 503, not a 500. */
@ApplicationScoped
public class RegistryProbeClient {

    private static final Logger LOG = Logger.getLogger(RegistryProbeClient.class);

    private final SyncWorkerApi api;

    public RegistryProbeClient(SyncWorkerApi api) {
        this.api = api;
    }

    public Uni<TagList> tags(SyncTask task) {
        return read(api.tags(task), TagList.class);
    }

    public Uni<RepositoryTestResult> test(SyncTask task) {
        return read(api.test(task), RepositoryTestResult.class);
    }

    private <T> Uni<T> read(Uni<ServiceAnswer> call, Class<T> type) {
        return call.map(answer -> {
            if (answer.status() == 200) {
                return api.http().readJson(answer, type);
            }
            // The worker reached the registry and the registry said no: pass its diagnosis on as 502.
            if (answer.status() == 502) {
                throw registryRefused(answer);
            }
            throw api.http().unexpected(answer, "registry probe");
        }).onFailure(failure -> !(failure instanceof ProblemException)).transform(RegistryProbeClient::unavailable);
    }

    private ProblemException registryRefused(ServiceAnswer answer) {
        String detail;
        try {
            detail = api.http().readJson(answer, Problem.class).detail();
        } catch (ServiceCallException e) {
            detail = null;
        }
        return new ProblemException(502, "registry-error", "Registry error",
                detail == null ? "the registry refused the request" : detail, List.of());
    }

    private static Throwable unavailable(Throwable failure) {
        // The reason and status only: a worker's answer is not ours to copy into the log.
        LOG.warnf("sync-worker probe failed: %s", failure instanceof ServiceCallException e
                ? e.reason() + (e.status() == 0 ? "" : " " + e.status()) : failure.getClass().getName());
        return new ProblemException(503, "sync-worker-unavailable", "Service unavailable",
                "no sync worker answered; the registry could not be asked", List.of());
    }
}
