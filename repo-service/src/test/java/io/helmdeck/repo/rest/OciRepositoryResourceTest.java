package io.helmdeck.repo.rest;

import static io.helmdeck.repo.support.RepoApi.base;
import static io.helmdeck.repo.support.RepoApi.create;
import static io.helmdeck.repo.support.RepoApi.createMinimal;
import static io.helmdeck.repo.support.RepoApi.get;
import static io.helmdeck.repo.support.RepoApi.json;
import static io.helmdeck.repo.support.RepoApi.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.helmdeck.repo.support.RepositoryRows;

@QuarkusTest
class OciRepositoryResourceTest {

    @Test
    void createAppliesEveryDefaultAndStartsPending() {
        String tenant = newTenant();
        Response created = create(tenant, "{\"name\":\"podinfo\",\"url\":\"oci://ghcr.io/stefanprodan/charts/podinfo\"}");

        created.then().statusCode(201)
                .header("Location", endsWith(base(tenant) + "/podinfo"))
                .header("ETag", notNullValue())
                .body("tenant", equalTo(tenant))
                .body("name", equalTo("podinfo"))
                .body("url", equalTo("oci://ghcr.io/stefanprodan/charts/podinfo"))
                .body("interval", equalTo("05:00"))
                .body("ref.tag", equalTo("latest"))
                .body("ref.semver", nullValue())
                .body("layerSelector.mediaType", equalTo("application/vnd.cncf.helm.chart.content.v1.tar+gzip"))
                .body("layerSelector.operation", equalTo("extract"))
                .body("auth.type", equalTo("none"))
                .body("auth.secretSet", equalTo(false))
                .body("insecure", equalTo(false))
                .body("timeout", equalTo("60s"))
                .body("suspend", equalTo(false))
                .body("labels.size()", equalTo(0))
                .body("createdAt", notNullValue())
                .body("status.phase", equalTo("Pending"))
                .body("status.conditions[0].type", equalTo("Ready"))
                .body("status.conditions[0].status", equalTo("Unknown"))
                .body("status.consecutiveFailures", equalTo(0))
                .body("status.artifact", nullValue())
                .body("status.nextSyncAt", notNullValue());

        Response read = get(tenant, "podinfo");
        read.then().statusCode(200).header("ETag", equalTo(created.header("ETag")));
        assertThat(read.jsonPath().getMap("$")).isEqualTo(created.jsonPath().getMap("$"));
        assertThat(Instant.parse(read.jsonPath().getString("status.nextSyncAt")))
                .isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void createdRepositoryIsListed() {
        String tenant = newTenant();
        createMinimal(tenant, "a-chart");
        given().get(base(tenant)).then().statusCode(200)
                .body("items.name", hasItem("a-chart"))
                .body("items[0].status.phase", equalTo("Pending"))
                .body("nextCursor", nullValue());
    }

    @Test
    void fullRepositoryRoundTrips() {
        String tenant = newTenant();
        String body = """
                {"name":"nginx","url":"oci://Registry-1.Docker.io:443/bitnamicharts/nginx","interval":"1m30s",
                 "ref":{"semver":">=18.0.0 <19.0.0","semverFilter":".*","tag":"18.9.0"},
                 "layerSelector":{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","operation":"copy"},
                 "auth":{"type":"basic","username":"robot","password":"not-shown-anywhere"},
                 "insecure":true,"timeout":"2m","suspend":true,"description":"Bitnami nginx",
                 "labels":{"team":"platform","helmdeck.io/tier":"gold"}}""";
        create(tenant, body).then().statusCode(201)
                .body("url", equalTo("oci://registry-1.docker.io:443/bitnamicharts/nginx"))
                .body("interval", equalTo("01:30"))
                .body("ref.semver", equalTo(">=18.0.0 <19.0.0"))
                .body("ref.tag", equalTo("18.9.0"))
                .body("layerSelector.operation", equalTo("copy"))
                .body("auth.type", equalTo("basic"))
                .body("auth.username", equalTo("robot"))
                .body("auth.secretSet", equalTo(true))
                .body("auth.password", nullValue())
                .body("insecure", equalTo(true))
                .body("timeout", equalTo("2m"))
                .body("suspend", equalTo(true))
                .body("status.phase", equalTo("Suspended"))
                .body("labels.team", equalTo("platform"));
    }

    @Test
    void duplicateNameIsRejectedAndFirstRecordKept() {
        String tenant = newTenant();
        createMinimal(tenant, "dup");
        String before = RepositoryRows.dumpTenant(tenant);
        create(tenant, "{\"name\":\"dup\",\"url\":\"oci://other.example.com/x\"}").then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409));
        assertThat(RepositoryRows.dumpTenant(tenant)).isEqualTo(before);
    }

    @Test
    void sameNameInAnotherTenantIsAllowed() {
        createMinimal(newTenant(), "shared-name");
        createMinimal(newTenant(), "shared-name");
    }

    @Test
    void deleteRemovesTheRecordAndItsStatus() {
        String tenant = newTenant();
        createMinimal(tenant, "gone");
        // As a generated client sends it: the only bodies documented for DELETE are problems.
        given().accept("application/problem+json").delete(base(tenant) + "/gone").then().statusCode(204);
        get(tenant, "gone").then().statusCode(404).contentType("application/problem+json");
        given().delete(base(tenant) + "/gone").then().statusCode(404);
        assertThat(Db.column("select count(*) from oci_repository_status s where not exists "
                + "(select 1 from oci_repository r where r.id = s.repository_id)")).containsExactly("0");
    }

    @Test
    void syncRequestMakesTheRepositoryDueNow() throws InterruptedException {
        String tenant = newTenant();
        Response created = createMinimal(tenant, "due");
        Instant first = Instant.parse(created.jsonPath().getString("status.nextSyncAt"));
        Thread.sleep(5);
        Response sync = given().post(base(tenant) + "/due/sync");
        sync.then().statusCode(202).body("name", equalTo("due"));
        assertThat(Instant.parse(sync.jsonPath().getString("status.nextSyncAt"))).isAfter(first);
        // A sync request is not a spec change.
        assertThat(sync.jsonPath().getLong("version")).isEqualTo(created.jsonPath().getLong("version"));
        given().post(base(tenant) + "/missing/sync").then().statusCode(404);
    }

    @Test
    void phaseFilterAndNamePrefixNarrowTheList() {
        String tenant = newTenant();
        createMinimal(tenant, "app-one");
        createMinimal(tenant, "app-two");
        create(tenant, "{\"name\":\"other\",\"url\":\"oci://r.example.com/o\",\"suspend\":true}").then().statusCode(201);
        given().queryParam("q", "app-").get(base(tenant)).then().statusCode(200)
                .body("items.name", equalTo(java.util.List.of("app-one", "app-two")));
        given().queryParam("status", "Suspended").get(base(tenant)).then().statusCode(200)
                .body("items.name", equalTo(java.util.List.of("other")));
        given().queryParam("status", "Pending").get(base(tenant)).then().statusCode(200)
                .body("items.size()", equalTo(2));
        given().queryParam("status", "Sleeping").get(base(tenant)).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void getAnswersJsonWithVersionAsEtag() {
        String tenant = newTenant();
        Response created = createMinimal(tenant, "etag");
        long version = created.jsonPath().getLong("version");
        json().get(base(tenant) + "/etag").then().statusCode(200).header("ETag", equalTo("\"" + version + "\""));
    }
}
