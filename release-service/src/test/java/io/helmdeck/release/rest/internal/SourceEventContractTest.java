package io.helmdeck.release.rest.internal;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.helmdeck.support.testing.Contracts;
import io.quarkus.test.junit.QuarkusTest;

/**
 * release-service accepts every body of the source-event contract, the same fixtures repo-service's stand-in of this
 * endpoint holds repo-service's events to (service-support's {@code contracts/source-events}).
 */
@QuarkusTest
class SourceEventContractTest {

    @ParameterizedTest
    @ValueSource(strings = {"source-events/revision.json", "source-events/deleted.json"})
    void everyContractBodyIsAccepted(String fixture) {
        given().contentType("application/json").body(Contracts.fixture(fixture))
                .post("/internal/v1/source-events").then().statusCode(202);
    }
}
