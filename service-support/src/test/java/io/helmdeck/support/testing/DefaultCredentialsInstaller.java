package io.helmdeck.support.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/** Installs {@link DefaultCredentials} for every @QuarkusTest of this module (registered as a service). */
public class DefaultCredentialsInstaller implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        boolean installed = RestAssured.filters().stream()
                .anyMatch(f -> f.getClass().getName().equals(DefaultCredentials.class.getName()));
        if (!installed) {
            RestAssured.filters(new DefaultCredentials());
        }
    }
}
