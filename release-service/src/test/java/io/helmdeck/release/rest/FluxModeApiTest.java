package io.helmdeck.release.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.helmdeck.release.support.Api;
import io.helmdeck.support.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import io.helmdeck.release.support.ReleaseRows;

/** In Flux mode Flux owns the Helm history, so a rollback on request is refused instead of silently dropped. */
@QuarkusTest
@TestProfile(FluxModeApiTest.FluxMode.class)
class FluxModeApiTest {

    public static class FluxMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("helmdeck.deploy.mode", "flux");
        }
    }

    @Test
    void aRollbackRequestIsAConflictAndChangesNothing() {
        String tenant = Api.newTenant();
        Api.createMinimal(tenant, "app");
        long id = ReleaseRows.releaseId(tenant, "app");
        ReleaseRows.insertRevision(id, 1, "superseded");
        ReleaseRows.insertRevision(id, 2, "deployed");
        ReleaseRows.markDeployed(id, 2);
        String before = ReleaseRows.dumpTenant(tenant);

        given().contentType("application/json").body("{\"revision\":1}").post(Api.base(tenant) + "/app/rollback")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(ReleaseRows.dumpTenant(tenant)).isEqualTo(before);
    }
}
