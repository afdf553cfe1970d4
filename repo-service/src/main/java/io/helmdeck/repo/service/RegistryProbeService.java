package io.helmdeck.repo.service;

import io.helmdeck.model.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.OciRepositoryRequest;
import io.helmdeck.model.RepositoryTestResult;
import io.helmdeck.model.TagList;
import io.helmdeck.repo.client.RegistryProbeClient;
import io.helmdeck.repo.persistence.OciRepositoryStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Looks at a registry on a user's behalf through a sync worker: the tags of a repository, or a dry-run sync. */
@ApplicationScoped
public class RegistryProbeService {

    /** Stands in for the name of a configuration tested before it has one; never stored. */
    static final String UNNAMED = "unnamed";

    private final OciRepositoryStore repositories;
    private final RepositorySpecValidator validator;
    private final SyncTaskFactory tasks;
    private final RegistryProbeClient probe;

    public RegistryProbeService(OciRepositoryStore repositories, RepositorySpecValidator validator,
            SyncTaskFactory tasks, RegistryProbeClient probe) {
        this.repositories = repositories;
        this.validator = validator;
        this.tasks = tasks;
        this.probe = probe;
    }

    @WithSession
    public Uni<TagList> tags(String tenant, String name) {
        return repositories.findByName(tenant, name).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("OCI repository " + tenant + "/" + name))
                .flatMap(stored -> probe.tags(tasks.forStored(stored.spec(), null, null)));
    }

    /** Validates like a create (a name is optional), then asks a worker what a sync would find. */
    public Uni<RepositoryTestResult> test(String tenant, OciRepositoryRequest request) {
        ProblemException.requireBody(request);
        String name = request.name() == null || request.name().isEmpty() ? UNNAMED : null;
        RepositorySpec spec = validator.validate(request, name, null);
        return probe.test(tasks.forProbe(tenant, spec));
    }
}
