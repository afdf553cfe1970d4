package io.helmdeck.release.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Starts one embedded PostgreSQL and the run's credentials for every @QuarkusTest of this module. */
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SecurityResource.class, scope = TestResourceScope.GLOBAL)
public final class TestDatabase {
    private TestDatabase() {
    }
}
