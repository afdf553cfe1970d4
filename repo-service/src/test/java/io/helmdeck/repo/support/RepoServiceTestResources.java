package io.helmdeck.repo.support;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import io.helmdeck.support.testing.PostgresResource;
import io.helmdeck.support.testing.SecurityResource;

/**
 * Starts (with service-support's test resources) one embedded PostgreSQL, the run's keys and tokens, and the sync-worker and release-service doubles for every
 * @QuarkusTest of this module.
 */
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SecurityResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "repo-service"))
@WithTestResource(value = SyncWorkerDouble.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ReleaseServiceDouble.class, scope = TestResourceScope.GLOBAL)
public final class RepoServiceTestResources {
    private RepoServiceTestResources() {
    }
}
