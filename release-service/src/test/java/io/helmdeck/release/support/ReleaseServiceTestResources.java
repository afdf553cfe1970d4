package io.helmdeck.release.support;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import io.helmdeck.support.testing.PostgresResource;
import io.helmdeck.support.testing.SecurityResource;

/**
 * Starts (with service-support's test resources) one embedded PostgreSQL and the run's credentials for every
 * @QuarkusTest of this module.
 */
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SecurityResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "release-service"))
public final class ReleaseServiceTestResources {
    private ReleaseServiceTestResources() {
    }
}
