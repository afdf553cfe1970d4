package io.helmdeck.sync.security;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A worker that was given no repo-service token refuses every probe call rather than answering anyone. */
@QuarkusTest
class RegistryProbeFailClosedTest {

    @Test
    void withNoTokenConfiguredEveryCallerIsRefused() {
        for (String endpoint : RegistryProbeAuthTest.ENDPOINTS) {
            for (String header : new String[] {"", "Bearer ", "Bearer anything", "Bearer null"}) {
                RegistryProbeAuthTest.assertUnauthorized(given().header("Authorization", header)
                        .contentType("application/json").body("{}").post(endpoint), endpoint);
            }
        }
    }
}
