package io.helmdeck.repo.rest;

import static io.helmdeck.repo.support.Api.base;
import static io.helmdeck.repo.support.Api.json;
import static io.helmdeck.repo.support.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.Db;
import io.helmdeck.repo.support.SyncWorkerDouble;
import io.quarkus.test.junit.QuarkusTest;
import io.helmdeck.repo.support.RepositoryRows;

/** repo-service's half of /tags and :test: what it sends a worker, and how it answers the user. */
@QuarkusTest
class RegistryProbeTest {

    @Test
    void tagsAsksAWorkerWithTheStoredCredentials() {
        String tenant = newTenant();
        json().body("{\"name\":\"podinfo\",\"url\":\"oci://registry.example.com/charts/podinfo\","
                + "\"auth\":{\"type\":\"basic\",\"username\":\"robot\",\"password\":\"stored-pass\"}}")
                .post(base(tenant)).then().statusCode(201);
        given().get(base(tenant) + "/podinfo/tags").then().statusCode(200)
                .body("tags", equalTo(List.of("6.5.1", "6.5.0", "latest")))
                .body(org.hamcrest.Matchers.not(containsString("stored-pass")));
        assertThat(SyncWorkerDouble.LAST_REQUEST.get()).contains("\"secret\":\"stored-pass\"")
                .contains("oci://registry.example.com/charts/podinfo");
        given().get(base(tenant) + "/missing/tags").then().statusCode(404);
    }

    @Test
    void aRegistryRefusalIs502WithTheDiagnosis() {
        String tenant = newTenant();
        json().body("{\"name\":\"denied\",\"url\":\"oci://registry.example.com/denied\"}").post(base(tenant))
                .then().statusCode(201);
        given().get(base(tenant) + "/denied/tags").then().statusCode(502)
                .contentType("application/problem+json")
                .body("detail", containsString("401 Unauthorized"));
    }

    @Test
    void testReportsWhatASyncWouldFindAndStoresNothing() {
        String tenant = newTenant();
        given().contentType("application/json")
                .body("{\"url\":\"oci://registry.example.com/charts/podinfo\",\"ref\":{\"semver\":\">=6.0.0\"}}")
                .post(base(tenant) + ":test").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("artifact.revision", containsString("6.5.1@sha256:"));
        assertThat(SyncWorkerDouble.LAST_REQUEST.get()).contains("\"semver\":\">=6.0.0\"");
        given().contentType("application/json")
                .body("{\"url\":\"oci://registry.example.com/denied\",\"auth\":{\"type\":\"basic\","
                        + "\"username\":\"u\",\"password\":\"wrong\"}}")
                .post(base(tenant) + ":test").then().statusCode(200)
                .body("ok", equalTo(false))
                .body("reason", equalTo("AuthenticationFailed"));
        assertThat(RepositoryRows.dumpTenant(tenant)).isEmpty();
    }

    @Test
    void testValidatesLikeCreateBeforeAskingAnyone() {
        SyncWorkerDouble.LAST_REQUEST.set(null);
        given().contentType("application/json").body("{\"url\":\"oci://registry.example.com/x:1.0\"}")
                .post(base(newTenant()) + ":test").then().statusCode(422)
                .body("violations.field", hasItem("url"));
        assertThat(SyncWorkerDouble.LAST_REQUEST.get()).isNull();
    }

    @Test
    void aWorkerThatFailsIs503() {
        given().contentType("application/json").body("{\"url\":\"oci://registry.example.com/crash\"}")
                .post(base(newTenant()) + ":test").then().statusCode(503)
                .contentType("application/problem+json");
    }
}
