package io.helmdeck.release.rest;

import static io.helmdeck.release.support.Api.base;
import static io.helmdeck.release.support.Api.create;
import static io.helmdeck.release.support.Api.createMinimal;
import static io.helmdeck.release.support.Api.get;
import static io.helmdeck.release.support.Api.json;
import static io.helmdeck.release.support.Api.minimal;
import static io.helmdeck.release.support.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.helmdeck.release.support.Api;
import io.helmdeck.support.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.helmdeck.release.support.ReleaseRows;

/** Create, read, list, update and the errors of the Helm release API, against a real PostgreSQL. */
@QuarkusTest
class HelmReleaseApiTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String PROBLEM = "application/problem+json";

    // ---- create and view ------------------------------------------------------------------------------------

    @Test
    void createAppliesEveryDefaultAndStartsPending() {
        String tenant = newTenant();
        Response created = create(tenant, minimal("web"));
        created.then().statusCode(201)
                .header("Location", endsWith(base(tenant) + "/web"))
                .header("ETag", equalTo("\"" + created.jsonPath().getLong("version") + "\""))
                .body("tenant", equalTo(tenant))
                .body("name", equalTo("web"))
                .body("sourceType", equalTo("OCIRepository"))
                .body("sourceName", equalTo("podinfo"))
                .body("releaseName", equalTo("web"))
                .body("targetNamespace", equalTo(tenant))
                .body("values.size()", equalTo(0))
                .body("interval", equalTo("05:00"))
                .body("timeout", equalTo("5m"))
                .body("install.createNamespace", equalTo(false))
                .body("install.remediation.retries", equalTo(0))
                .body("install.remediation", not(hasKey("strategy")))
                .body("upgrade.remediation.retries", equalTo(0))
                .body("upgrade.remediation.strategy", equalTo("rollback"))
                .body("maxHistory", equalTo(10))
                .body("suspend", equalTo(false))
                .body("labels.size()", equalTo(0))
                .body("createdAt", notNullValue())
                .body("status.phase", equalTo("Pending"))
                .body("status.conditions[0].type", equalTo("Ready"))
                .body("status.conditions[0].status", equalTo("Unknown"))
                .body("status.conditions[0].reason", equalTo("Progressing"))
                .body("status.failures", equalTo(0))
                .body("status.inventory.size()", equalTo(0))
                .body("status", not(hasKey("currentRevision")));
        Instant due = Instant.parse(created.jsonPath().getString("status.nextReconcileAt"));
        assertThat(due).isBeforeOrEqualTo(Instant.now());

        get(tenant, "web").then().statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("releaseName", equalTo("web"))
                .body("status.phase", equalTo("Pending"));
        assertThat(Db.column("select next_reconcile_at <= now() from helm_release_status where release_id = ?",
                ReleaseRows.releaseId(tenant, "web"))).containsExactly("t");
    }

    @Test
    void everyFieldGivenIsStoredAndReturned() {
        String tenant = newTenant();
        Api.allowNamespaces(tenant, "web-apps");
        create(tenant, """
                {"name":"full","sourceType":"OCIRepository","sourceName":"nginx","releaseName":"edge",
                 "targetNamespace":"web-apps","values":{"zeta":1,"alpha":{"on":true},"list":[1,"two"]},
                 "interval":"1m30s","timeout":"90s","install":{"createNamespace":true,"remediation":{"retries":2}},
                 "upgrade":{"remediation":{"retries":3,"strategy":"uninstall"}},"maxHistory":5,"suspend":true,
                 "description":"the edge proxy","labels":{"team":"web"}}""").then().statusCode(201);
        Response read = get(tenant, "full");
        read.then().statusCode(200)
                .body("releaseName", equalTo("edge"))
                .body("targetNamespace", equalTo("web-apps"))
                .body("values.alpha.on", equalTo(true))
                .body("values.list[1]", equalTo("two"))
                .body("interval", equalTo("01:30"))
                .body("timeout", equalTo("90s"))
                .body("install.createNamespace", equalTo(true))
                .body("install.remediation.retries", equalTo(2))
                .body("upgrade.remediation.retries", equalTo(3))
                .body("upgrade.remediation.strategy", equalTo("uninstall"))
                .body("maxHistory", equalTo(5))
                .body("suspend", equalTo(true))
                .body("status.phase", equalTo("Suspended"))
                .body("description", equalTo("the edge proxy"))
                .body("labels.team", equalTo("web"));
        // Values keep the client's key order (Helm users read them as written).
        assertThat(read.asString()).contains("\"values\":{\"zeta\":1,\"alpha\":{\"on\":true},\"list\":[1,\"two\"]}");
    }

    @Test
    void aTakenNameIs409AndTheFirstReleaseIsUnchanged() {
        String tenant = newTenant();
        createMinimal(tenant, "dup");
        String before = ReleaseRows.dumpTenant(tenant);
        create(tenant, "{\"name\":\"dup\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"other\"}")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:helmdeck:problem:conflict"))
                .body("status", equalTo(409))
                .body("detail", containsString("dup"));
        assertThat(ReleaseRows.dumpTenant(tenant)).isEqualTo(before);
    }

    @Test
    void namesAreUniquePerTenantOnly() {
        String a = newTenant();
        String b = newTenant();
        createMinimal(a, "shared");
        createMinimal(b, "shared");
        get(a, "shared").then().statusCode(200).body("tenant", equalTo(a)).body("targetNamespace", equalTo(a));
        get(b, "shared").then().statusCode(200).body("tenant", equalTo(b)).body("targetNamespace", equalTo(b));
        given().delete(base(a) + "/shared").then().statusCode(204);
        get(b, "shared").then().statusCode(200);
        get(newTenant(), "shared").then().statusCode(404);
    }

    // ---- validation and problem shapes ------------------------------------------------------------------------

    @Test
    void allViolationsAreReportedAtOnceAndNothingIsStored() {
        String tenant = newTenant();
        create(tenant, """
                {"name":"Bad_Name","sourceType":"HelmRepository","sourceName":"no/slash","releaseName":"-x",
                 "targetNamespace":"NS","interval":"00:01","timeout":"2h",
                 "install":{"remediation":{"retries":11,"strategy":"rollback"}},
                 "upgrade":{"remediation":{"retries":-1,"strategy":"retry"}},"maxHistory":101,
                 "description":"%s","labels":{"bad key":"v"}}""".formatted("d".repeat(1025)))
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:helmdeck:problem:validation"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(422))
                .body("detail", equalTo("14 fields are invalid"))
                .body("instance", equalTo(base(tenant)))
                .body("violations.field", containsInAnyOrder("name", "sourceType", "sourceName", "releaseName",
                        "targetNamespace", "interval", "timeout", "install.remediation.retries",
                        "install.remediation.strategy", "upgrade.remediation.retries", "upgrade.remediation.strategy",
                        "maxHistory", "description", "labels.bad key"))
                .body("violations.message", hasItem(containsString("not supported yet")));
        assertThat(Db.column("select count(*) from helm_release where tenant = ?", tenant)).containsExactly("0");
    }

    @Test
    void requiredFieldsAreNamed() {
        create(newTenant(), "{}").then().statusCode(422)
                .body("violations.field", containsInAnyOrder("name", "sourceType", "sourceName"));
    }

    @Test
    void valuesTooDeepOrTooLargeAre422() {
        String tenant = newTenant();
        String deep = "{\"a\":".repeat(33) + "1" + "}".repeat(33);
        create(tenant, "{\"name\":\"deep\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\",\"values\":" + deep + "}")
                .then().statusCode(422)
                .body("violations[0].field", equalTo("values"))
                .body("violations[0].message", containsString("32 levels"));
        String big = "{\"blob\":\"" + "x".repeat(600 * 1024) + "\"}";
        create(tenant, "{\"name\":\"big\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\",\"values\":" + big + "}")
                .then().statusCode(422)
                .body("violations[0].field", equalTo("values"))
                .body("violations[0].message", containsString("524288"));
        assertThat(Db.column("select count(*) from helm_release where tenant = ?", tenant)).containsExactly("0");
    }

    @Test
    void malformedOrMistypedJsonIs400() {
        String tenant = newTenant();
        create(tenant, "{\"name\":").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:helmdeck:problem:malformed-body"))
                .body("detail", containsString("malformed JSON"));
        create(tenant, "{\"name\":\"x\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\",\"values\":[1]}")
                .then().statusCode(400).body("detail", containsString("values"));
        create(tenant, "{\"name\":\"x\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\",\"chart\":\"nginx\"}")
                .then().statusCode(400).body("detail", equalTo("unknown field 'chart'"));
        create(tenant, "{\"name\":\"x\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\","
                + "\"values\":{\"replicas\":1,\"replicas\":5}}").then().statusCode(400).contentType(PROBLEM);
        assertThat(Db.column("select count(*) from helm_release where tenant = ?", tenant)).containsExactly("0");
    }

    @Test
    void unknownReleaseIs404ProblemAndBadPathIs400() {
        String tenant = newTenant();
        get(tenant, "missing").then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:helmdeck:problem:not-found"))
                .body("detail", equalTo("Helm release " + tenant + "/missing not found"));
        get("Not_A_Tenant", "x").then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("path.tenant"));
    }

    @Test
    void oversizedBodyIs413() {
        String tenant = newTenant();
        String huge = "{\"name\":\"x\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\",\"description\":\""
                + "d".repeat(1_100_000) + "\"}";
        create(tenant, huge).then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("urn:helmdeck:problem:body-too-large"));
        assertThat(Db.column("select count(*) from helm_release where tenant = ?", tenant)).containsExactly("0");
    }

    @Test
    void wrongContentTypeIs415() {
        String tenant = newTenant();
        given().contentType("text/plain").body(minimal("x")).post(base(tenant))
                .then().statusCode(415).contentType(PROBLEM);
        createMinimal(tenant, "web");
        json().body("{\"interval\":\"10:00\"}").patch(base(tenant) + "/web")
                .then().statusCode(415).contentType(PROBLEM).body("detail", containsString("merge-patch"));
    }

    // ---- PUT, PATCH, concurrency ----------------------------------------------------------------------------

    @Test
    void putReplacesTheSpecBumpsTheVersionAndMakesItDue() {
        String tenant = newTenant();
        Response created = createMinimal(tenant, "web");
        long v1 = created.jsonPath().getLong("version");
        long id = ReleaseRows.releaseId(tenant, "web");
        Db.execute("update helm_release_status set next_reconcile_at = now() + interval '1 hour' where release_id = ?", id);

        Response updated = json().header("If-Match", created.header("ETag"))
                .body("{\"sourceType\":\"OCIRepository\",\"sourceName\":\"podinfo\",\"values\":{\"replicaCount\":2},"
                        + "\"interval\":\"10:00\"}")
                .put(base(tenant) + "/web");
        updated.then().statusCode(200)
                .body("values.replicaCount", equalTo(2))
                .body("interval", equalTo("10:00"))
                .body("version", equalTo((int) v1 + 1))
                .header("ETag", equalTo("\"" + (v1 + 1) + "\""));
        assertThat(Instant.parse(updated.jsonPath().getString("status.nextReconcileAt"))).isBeforeOrEqualTo(Instant.now());
        assertThat(updated.jsonPath().getString("updatedAt")).isNotEqualTo(created.jsonPath().getString("updatedAt"));
        get(tenant, "web").then().body("values.replicaCount", equalTo(2)).body("version", equalTo((int) v1 + 1));
    }

    @Test
    void putOfAnUnchangedSpecKeepsTheVersionAndTheSchedule() {
        String tenant = newTenant();
        long v1 = createMinimal(tenant, "same").jsonPath().getLong("version");
        long id = ReleaseRows.releaseId(tenant, "same");
        Db.execute("update helm_release_status set next_reconcile_at = now() + interval '1 hour' where release_id = ?", id);
        json().body(minimal("same")).put(base(tenant) + "/same").then().statusCode(200)
                .body("version", equalTo((int) v1));
        assertThat(Db.column("select next_reconcile_at > now() from helm_release_status where release_id = ?", id))
                .containsExactly("t");
    }

    @Test
    void whatGetReturnsCanBePutBack() {
        String tenant = newTenant();
        create(tenant, "{\"name\":\"back\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\",\"releaseName\":\"rb\","
                + "\"values\":{\"a\":{\"b\":[1,2]}},\"labels\":{\"x\":\"y\"}}").then().statusCode(201);
        Response read = get(tenant, "back");
        json().body(read.asString()).put(base(tenant) + "/back").then().statusCode(200)
                .body("version", equalTo(read.jsonPath().getInt("version")))
                .body("releaseName", equalTo("rb"));
    }

    @Test
    void staleIfMatchIs412StaleVersionIs409AndNeitherChangesAnything() {
        String tenant = newTenant();
        Response created = createMinimal(tenant, "guarded");
        String etag = created.header("ETag");
        long v1 = created.jsonPath().getLong("version");
        json().header("If-Match", etag).body(minimal("guarded").replace("}", ",\"interval\":\"02:00\"}"))
                .put(base(tenant) + "/guarded").then().statusCode(200);
        String before = ReleaseRows.dumpTenant(tenant);

        json().header("If-Match", etag).body(minimal("guarded").replace("}", ",\"interval\":\"03:00\"}"))
                .put(base(tenant) + "/guarded").then().statusCode(412).contentType(PROBLEM)
                .body("type", equalTo("urn:helmdeck:problem:precondition-failed"));
        json().body(minimal("guarded").replace("}", ",\"interval\":\"03:00\",\"version\":" + v1 + "}"))
                .put(base(tenant) + "/guarded").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("stale"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"interval\":\"04:00\"}")
                .patch(base(tenant) + "/guarded").then().statusCode(412);
        assertThat(ReleaseRows.dumpTenant(tenant)).isEqualTo(before);
    }

    @Test
    void releaseNameAndTargetNamespaceCannotChangeButMayBeLeftOut() {
        String tenant = newTenant();
        Api.allowNamespaces(tenant, "apps");
        create(tenant, "{\"name\":\"fixed\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\","
                + "\"releaseName\":\"first\",\"targetNamespace\":\"apps\"}").then().statusCode(201);
        String before = ReleaseRows.dumpTenant(tenant);
        json().body("{\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\",\"releaseName\":\"second\","
                + "\"targetNamespace\":\"other\"}").put(base(tenant) + "/fixed")
                .then().statusCode(422)
                .body("violations.field", containsInAnyOrder("releaseName", "targetNamespace"))
                .body("violations[0].message", containsString("immutable"));
        given().contentType(MERGE_PATCH).body("{\"name\":\"renamed\"}").patch(base(tenant) + "/fixed")
                .then().statusCode(422).body("violations[0].field", equalTo("name"));
        assertThat(ReleaseRows.dumpTenant(tenant)).isEqualTo(before);

        json().body("{\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\"}").put(base(tenant) + "/fixed")
                .then().statusCode(200)
                .body("releaseName", equalTo("first"))
                .body("targetNamespace", equalTo("apps"));
    }

    @Test
    void mergePatchMergesValuesKeyByKeyAndNullRestoresDefaults() {
        String tenant = newTenant();
        create(tenant, "{\"name\":\"p\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\",\"interval\":\"10:00\","
                + "\"values\":{\"image\":{\"tag\":\"1.0\",\"pullPolicy\":\"Always\"},\"replicas\":1}}")
                .then().statusCode(201);
        given().contentType(MERGE_PATCH).accept("application/json")
                .body("{\"values\":{\"image\":{\"tag\":\"2.0\"},\"replicas\":null},\"interval\":null,"
                        + "\"upgrade\":{\"remediation\":{\"strategy\":\"uninstall\"}}}")
                .patch(base(tenant) + "/p")
                .then().statusCode(200)
                .body("values.image.tag", equalTo("2.0"))
                .body("values.image.pullPolicy", equalTo("Always"))
                .body("values", not(hasKey("replicas")))
                .body("interval", equalTo("05:00"))
                .body("upgrade.remediation.strategy", equalTo("uninstall"))
                .body("upgrade.remediation.retries", equalTo(0));
        get(tenant, "p").then().body("values.image.tag", equalTo("2.0")).body("interval", equalTo("05:00"));

        given().contentType(MERGE_PATCH).body("{\"maxHistory\":0}").patch(base(tenant) + "/p")
                .then().statusCode(422).body("violations[0].field", equalTo("maxHistory"));
        given().contentType(MERGE_PATCH).body("[1]").patch(base(tenant) + "/p").then().statusCode(400);
    }

    // ---- list ------------------------------------------------------------------------------------------------

    @Test
    void listPagesByNameWithACursor() {
        String tenant = newTenant();
        for (String name : List.of("e", "a", "d", "c", "b")) {
            createMinimal(tenant, name);
        }
        Response first = given().queryParam("limit", 2).get(base(tenant));
        first.then().statusCode(200).body("items.name", org.hamcrest.Matchers.contains("a", "b"));
        String cursor = first.jsonPath().getString("nextCursor");
        Response second = given().queryParam("limit", 2).queryParam("cursor", cursor).get(base(tenant));
        second.then().body("items.name", org.hamcrest.Matchers.contains("c", "d"));
        given().queryParam("limit", 2).queryParam("cursor", second.jsonPath().getString("nextCursor")).get(base(tenant))
                .then().body("items.name", org.hamcrest.Matchers.contains("e"))
                .body("nextCursor", nullValue());
        given().get(base(tenant)).then().body("items.size()", equalTo(5)).body("nextCursor", nullValue());
    }

    @Test
    void listFiltersByPhaseAndNamePrefix() {
        String tenant = newTenant();
        createMinimal(tenant, "web-1");
        createMinimal(tenant, "web-2");
        createMinimal(tenant, "db");
        create(tenant, "{\"name\":\"web-3\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\",\"suspend\":true}")
                .then().statusCode(201);
        Db.execute("update helm_release_status set phase = 'Deployed' where release_id = ?", ReleaseRows.releaseId(tenant, "web-2"));

        given().queryParam("q", "web").get(base(tenant)).then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.contains("web-1", "web-2", "web-3"));
        given().queryParam("phase", "Deployed").get(base(tenant))
                .then().body("items.name", org.hamcrest.Matchers.contains("web-2"));
        given().queryParam("phase", "Suspended").get(base(tenant))
                .then().body("items.name", org.hamcrest.Matchers.contains("web-3"));
        given().queryParam("phase", "Pending").queryParam("q", "w").get(base(tenant))
                .then().body("items.name", org.hamcrest.Matchers.contains("web-1"));
        given().queryParam("q", "we_").get(base(tenant)).then().body("items.size()", equalTo(0));
    }

    @Test
    void badListParametersAre400() {
        String tenant = newTenant();
        given().queryParam("limit", 0).get(base(tenant)).then().statusCode(400).contentType(PROBLEM);
        given().queryParam("limit", "ten").get(base(tenant)).then().statusCode(400);
        given().queryParam("phase", "Ready").get(base(tenant)).then().statusCode(400)
                .body("detail", containsString("Deployed"));
        given().queryParam("cursor", "%%%").get(base(tenant)).then().statusCode(400);
    }

    @Test
    void theOpenApiDocumentDescribesTheReleaseApiAndItsProblems() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/tenants/{tenant}/helm-releases/{name}/rollback"))
                .body("paths.'/api/v1/tenants/{tenant}/helm-releases'.post.responses", hasKey("422"))
                .body("paths.'/api/v1/tenants/{tenant}/helm-releases/{name}/manifest'.get.responses.'200'.content",
                        hasKey("application/yaml"));
    }
}
