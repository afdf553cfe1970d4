package io.helmdeck.sync.probe;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.RepositoryTestResult;
import io.helmdeck.model.TagList;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.model.value.SemverSelector;
import io.helmdeck.sync.config.SyncConfig;
import io.helmdeck.sync.oci.RegistryClient;
import io.helmdeck.sync.reconcile.OciRepositoryReconciler;
import io.helmdeck.sync.reconcile.SyncTargets;
import io.smallrye.mutiny.Uni;

/** Answers repo-service's questions about a registry: its tags, or what a sync would find. */
@ApplicationScoped
public class RegistryProbe {

    private final RegistryClient registry;
    private final OciRepositoryReconciler reconciler;
    private final SyncConfig config;

    public RegistryProbe(RegistryClient registry, OciRepositoryReconciler reconciler, SyncConfig config) {
        this.registry = registry;
        this.reconciler = reconciler;
        this.config = config;
    }

    /** All tags, semver newest first; a registry failure becomes a 502 problem with its reason. */
    public Uni<TagList> tags(SyncTask task) {
        return Uni.createFrom().deferred(() -> registry.listTags(SyncTargets.of(task, config.timeout())))
                .map(tags -> new TagList(SemverSelector.sortNewestFirst(tags)))
                .onFailure().transform(failure -> RegistryProbeFailure.of(failure, task.url()));
    }

    public Uni<RepositoryTestResult> test(SyncTask task) {
        return reconciler.probe(task);
    }
}
