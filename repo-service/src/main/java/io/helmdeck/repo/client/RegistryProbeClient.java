package io.helmdeck.repo.client;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.helmdeck.model.Problem;
import io.helmdeck.model.RepositoryTestResult;
import io.helmdeck.model.TagList;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.model.ProblemException;
import io.smallrye.mutiny.Uni;

/** Asks a sync worker to look at a registry; a worker that cannot be reached is a 503, not a 500. */
@ApplicationScoped
public class RegistryProbeClient {

    private static final Logger LOG = Logger.getLogger(RegistryProbeClient.class);

    private final SyncWorkerApi api;

    public RegistryProbeClient(@RestClient SyncWorkerApi api) {
        this.api = api;
    }

    public Uni<TagList> tags(SyncTask task) {
        return api.tags(task).onFailure().transform(RegistryProbeClient::unavailable);
    }

    public Uni<RepositoryTestResult> test(SyncTask task) {
        return api.test(task).onFailure().transform(RegistryProbeClient::unavailable);
    }

    private static Problem readProblem(WebApplicationException failure) {
        try {
            return failure.getResponse().readEntity(Problem.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Throwable unavailable(Throwable failure) {
        if (failure instanceof ProblemException) {
            return failure;
        }
        // The worker reached the registry and the registry said no: pass its diagnosis on as 502.
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() == 502) {
            Problem problem = readProblem(web);
            return new ProblemException(502, "registry-error", "Registry error",
                    problem == null ? "the registry refused the request" : problem.detail(), List.of());
        }
        LOG.warnf("sync-worker probe failed: %s", failure.getClass().getName());
        return new ProblemException(503, "sync-worker-unavailable", "Service unavailable",
                "no sync worker answered; the registry could not be asked", List.of());
    }
}
