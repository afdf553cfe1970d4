package io.helmdeck.repo.rest.internal;

import static io.helmdeck.repo.support.RepoApi.as;
import static io.helmdeck.repo.support.RepoApi.base;
import static io.helmdeck.repo.support.RepoApi.json;
import static io.helmdeck.repo.support.RepoApi.newTenant;
import static io.helmdeck.repo.support.Workers.drainEverythingDue;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helmdeck.support.testing.Contracts;
import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * repo-service's real internal resources against the shared fixtures under {@code contracts/leases},
 * {@code contracts/reports} and {@code contracts/sources} (ADR 0015): the fixtures' requests are accepted as they are,
 * and every answer has only fields of the fixture, so the stand-ins bound to the same fixtures (sync-worker's
 * {@code LeaseApiDouble}, release-service's {@code SourceApiDouble} and {@code SourceDouble}) cannot drift from it.
 */
@QuarkusTest
class InternalApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String tenant;

    @BeforeEach
    void nothingDue() {
        drainEverythingDue();
        tenant = newTenant();
    }

    /** A repository with every optional field the public API takes, so the answers are as full as they get. */
    private void createFull(String name) {
        json().body("{\"name\":\"" + name + "\",\"url\":\"oci://r.example.com/charts/" + name + "\","
                + "\"interval\":\"05:00\",\"ref\":{\"semver\":\">=1.0.0\",\"semverFilter\":\".*\"},"
                + "\"layerSelector\":{\"mediaType\":\"application/vnd.cncf.helm.chart.content.v1.tar+gzip\","
                + "\"operation\":\"extract\"},\"auth\":{\"type\":\"basic\",\"username\":\"robot\","
                + "\"password\":\"s3cret\"},\"timeout\":\"60s\",\"description\":\"contract\","
                + "\"labels\":{\"team\":\"a\"}}").post(base(tenant)).then().statusCode(201);
    }

    private String fixture(String name, String field, Object value) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(Contracts.fixture(name));
        node.set(field, JSON.valueToTree(value));
        return JSON.writeValueAsString(node);
    }

    @Test
    void leaseAndReportAnswersConformAndTheFixturesAreAccepted() throws Exception {
        createFull("full");

        Response claimed = json().body(Contracts.fixture("leases/claim-request.json"))
                .post("/internal/v1/sync/claims");
        assertThat(claimed.statusCode()).as(claimed.asString()).isEqualTo(200);
        assertThat(claimed.jsonPath().getList("tasks")).isNotEmpty();
        Contracts.assertConforms(claimed.asString(), "leases/claim-response.json");
        long id = claimed.jsonPath().getLong("tasks.find { it.tenant == '" + tenant + "' }.repositoryId");
        String worker = JSON.readTree(Contracts.fixture("leases/claim-request.json")).get("worker").asText();

        Response renewed = json().body(Contracts.fixture("leases/renewal.json"))
                .post("/internal/v1/sync/leases/" + id + "/renew");
        assertThat(renewed.statusCode()).as(renewed.asString()).isEqualTo(200);
        Contracts.assertConforms(renewed.asString(), "leases/renewed.json");

        Response reported = json().body(fixture("reports/report.json", "worker", worker))
                .post("/internal/v1/sync/leases/" + id + "/report");
        assertThat(reported.statusCode()).as(reported.asString()).isEqualTo(204);
    }

    @Test
    void exchangeAnswersConformAndTheFixtureIsAccepted() throws Exception {
        createFull("batched");

        // The fixture as it is: its report names repository 42, which this worker does not hold, and it claims.
        Response first = json().body(Contracts.fixture("leases/exchange.json")).post("/internal/v1/sync/exchanges");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        Contracts.assertConforms(first.asString(), "leases/exchanged.json");
        assertThat(first.jsonPath().getString("results[0].delivery")).isIn("LeaseLost", "RepositoryGone");
        long id = first.jsonPath().getLong("tasks.find { it.tenant == '" + tenant + "' }.repositoryId");

        // The same shape reporting the repository it just got: accepted.
        ObjectNode exchange = (ObjectNode) JSON.readTree(Contracts.fixture("leases/exchange.json"));
        ((ObjectNode) exchange.get("reports").get(0)).put("repositoryId", id);
        Response second = json().body(JSON.writeValueAsString(exchange)).post("/internal/v1/sync/exchanges");
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(200);
        Contracts.assertConforms(second.asString(), "leases/exchanged.json");
        assertThat(second.jsonPath().getString("results[0].delivery")).isEqualTo("Accepted");
    }

    @Test
    void theInternalSourceReadConforms() {
        createFull("source");
        Response source = as(Tokens.releaseService()).get("/internal/v1/sources/" + tenant + "/source");
        assertThat(source.statusCode()).as(source.asString()).isEqualTo(200);
        assertThat(source.jsonPath().getString("auth.username")).isEqualTo("robot");
        Contracts.assertConforms(source.asString(), "sources/source.json");
    }
}
