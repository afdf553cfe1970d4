package io.helmdeck.repo.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Runs the artifact store's garbage collection on a schedule; safe on every replica (one DELETE statement). */
@ApplicationScoped
public class ArtifactGarbageCollector {

    private final ArtifactService artifacts;

    public ArtifactGarbageCollector(ArtifactService artifacts) {
        this.artifacts = artifacts;
    }

    @Scheduled(every = "${helmdeck.artifacts.gc-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return artifacts.collectGarbage().replaceWithVoid();
    }
}
