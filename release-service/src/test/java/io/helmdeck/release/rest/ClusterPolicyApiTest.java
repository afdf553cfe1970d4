package io.helmdeck.release.rest;

import static io.helmdeck.release.support.Api.as;
import static io.helmdeck.release.support.Api.json;
import static io.helmdeck.release.support.Api.newTenant;
import static io.helmdeck.release.support.Api.policy;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.helmdeck.release.support.Api;
import io.helmdeck.support.testing.Db;
import io.helmdeck.release.support.ReleaseRows;
import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The cluster policy API against a real PostgreSQL: defaults, admin-only writes, tenancy, concurrency, errors. */
@QuarkusTest
class ClusterPolicyApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String BODY = """
            {"namespaces": ["%s", "%s-*"], "clusterScopedKinds": ["CustomResourceDefinition"],
             "serviceAccountName": "helmdeck-tenant"}""";

    private static String stored(String tenant) {
        return String.join("\n", Db.column("select row_to_json(p)::text from tenant_cluster_policy p where tenant = ?",
                tenant));
    }

    @Test
    void withoutAStoredPolicyTheDefaultIsShownAndSaysSo() {
        String tenant = newTenant();
        as(Tokens.user(tenant)).get(policy(tenant)).then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("tenant", equalTo(tenant))
                .body("namespaces", equalTo(List.of(tenant)))
                .body("clusterScopedKinds", equalTo(List.of()))
                .body("serviceAccountName", nullValue())
                .body("default", equalTo(true))
                .body("version", equalTo(0));
        as(Tokens.viewer(tenant)).get(policy(tenant)).then().statusCode(200).body("default", equalTo(true));
        assertThat(stored(tenant)).as("reading stores nothing").isEmpty();
    }

    @Test
    void anAdminSetsItMembersReadItAndItIsNoLongerTheDefault() {
        String tenant = newTenant();
        Response set = json().header("If-Match", "\"0\"").body(BODY.formatted(tenant, tenant)).put(policy(tenant));
        set.then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("namespaces", equalTo(List.of(tenant, tenant + "-*")))
                .body("clusterScopedKinds", equalTo(List.of("CustomResourceDefinition")))
                .body("serviceAccountName", equalTo("helmdeck-tenant"))
                .body("default", equalTo(false))
                .body("version", equalTo(1))
                .body("updatedAt", notNullValue());
        as(Tokens.viewer(tenant)).get(policy(tenant)).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("namespaces", equalTo(List.of(tenant, tenant + "-*")))
                .body("serviceAccountName", equalTo("helmdeck-tenant"))
                .body("default", equalTo(false));

        // What a GET answered can be sent back as is; the same policy again changes nothing.
        String read = given().get(policy(tenant)).asString();
        json().header("If-Match", "\"1\"").body(read).put(policy(tenant)).then().statusCode(200)
                .header("ETag", equalTo("\"1\""));
        // A change bumps the version; null goes back to Helmdeck's own identity.
        json().header("If-Match", "\"1\"").body("{\"namespaces\":[\"" + tenant + "\"],\"serviceAccountName\":null}")
                .put(policy(tenant)).then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("clusterScopedKinds", equalTo(List.of()))
                .body("serviceAccountName", nullValue());
    }

    @Test
    void tenantACannotReadSetOrGuessTenantBsPolicy() {
        String a = newTenant();
        String withPolicy = newTenant();
        String without = newTenant();
        json().body(BODY.formatted(withPolicy, withPolicy)).put(policy(withPolicy)).then().statusCode(200);
        String before = stored(withPolicy);
        String tokenA = Tokens.user(a);

        Response existing = as(tokenA).get(policy(withPolicy));
        Response missing = as(tokenA).get(policy(without));
        existing.then().statusCode(404).contentType(PROBLEM);
        missing.then().statusCode(404).contentType(PROBLEM);
        // Same answer whether B has a policy or not: only the tenant's name differs.
        assertThat(existing.asString().replace(withPolicy, "B")).isEqualTo(missing.asString().replace(without, "B"));
        assertThat(existing.jsonPath().getString("detail")).isEqualTo("tenant " + withPolicy + " not found");

        Response setExisting = as(tokenA).body(BODY.formatted(a, a)).put(policy(withPolicy));
        Response setMissing = as(tokenA).body(BODY.formatted(a, a)).put(policy(without));
        setExisting.then().statusCode(404);
        assertThat(setExisting.asString().replace(withPolicy, "B")).isEqualTo(setMissing.asString().replace(without, "B"));
        // Nor as a viewer of A, nor with a guessed If-Match.
        as(Tokens.viewer(a)).body("{}").put(policy(withPolicy)).then().statusCode(404);
        as(tokenA).header("If-Match", "\"1\"").body("{\"namespaces\":[\"*\"]}").put(policy(withPolicy))
                .then().statusCode(404);
        assertThat(stored(withPolicy)).as("B's policy unchanged").isEqualTo(before);
        assertThat(stored(without)).as("no policy planted in B").isEmpty();
    }

    @Test
    void onlyAdminsSetAPolicyNotViewersNorMembersOfTheTenant() {
        String tenant = newTenant();
        as(Tokens.viewer(tenant)).body(BODY.formatted(tenant, tenant)).put(policy(tenant)).then().statusCode(403)
                .contentType(PROBLEM);
        Response member = as(Tokens.user(tenant)).body("{\"namespaces\":[\"*\"],\"clusterScopedKinds\":"
                + "[\"ClusterRoleBinding\"]}").put(policy(tenant));
        member.then().statusCode(403).contentType(PROBLEM).body("type", containsString("forbidden"))
                .body("detail", containsString("admin"));
        assertThat(stored(tenant)).isEmpty();
        as(Tokens.user(tenant)).get(policy(tenant)).then().statusCode(200).body("default", equalTo(true));
    }

    @Test
    void aStaleIfMatchIs412AndAStaleVersionIs409AndNothingChanges() {
        String tenant = newTenant();
        json().body(BODY.formatted(tenant, tenant)).put(policy(tenant)).then().statusCode(200);
        json().body("{\"namespaces\":[\"" + tenant + "\"]}").put(policy(tenant)).then().statusCode(200)
                .header("ETag", equalTo("\"2\""));
        String before = stored(tenant);

        json().header("If-Match", "\"1\"").body("{\"namespaces\":[\"*\"]}").put(policy(tenant))
                .then().statusCode(412).contentType(PROBLEM)
                .body("type", equalTo("urn:helmdeck:problem:precondition-failed"))
                .body("detail", containsString("cluster policy"));
        // "0" means "only while none is stored".
        json().header("If-Match", "\"0\"").body("{\"namespaces\":[\"*\"]}").put(policy(tenant))
                .then().statusCode(412);
        json().body("{\"namespaces\":[\"*\"],\"version\":1}").put(policy(tenant)).then().statusCode(409)
                .contentType(PROBLEM).body("detail", containsString("stale"));
        assertThat(stored(tenant)).isEqualTo(before);
    }

    @Test
    void anInvalidBodyIs422WithEveryViolationAndChangesNothing() {
        String tenant = newTenant();
        json().body(BODY.formatted(tenant, tenant)).put(policy(tenant)).then().statusCode(200);
        String before = stored(tenant);

        json().body(Map.of("namespaces", List.of("ok", "Bad_NS", "a*b", "-x*", "x".repeat(64)),
                "clusterScopedKinds", List.of("ClusterRole", "clusterrole", "Cluster Role"),
                "serviceAccountName", "Not a name")).put(policy(tenant))
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:helmdeck:problem:validation"))
                .body("violations.field", containsInAnyOrder("namespaces[1]", "namespaces[2]", "namespaces[3]",
                        "namespaces[4]", "clusterScopedKinds[1]", "clusterScopedKinds[2]", "serviceAccountName"));
        json().body("{\"clusterScopedKinds\":[]}").put(policy(tenant)).then().statusCode(422)
                .body("violations[0].field", equalTo("namespaces"));
        json().body("{\"namespaces\":[\"a\"],\"serviceAccountName\":\"\"}").put(policy(tenant)).then()
                .statusCode(422).body("violations[0].field", equalTo("serviceAccountName"));
        // Malformed JSON, unknown fields, wrong types and content types are problems too.
        json().body("{\"namespaces\":").put(policy(tenant)).then().statusCode(400).contentType(PROBLEM);
        json().body("{\"namespaces\":[\"a\"],\"surprise\":1}").put(policy(tenant)).then().statusCode(400)
                .contentType(PROBLEM);
        json().body("{\"namespaces\":\"a\"}").put(policy(tenant)).then().statusCode(400).contentType(PROBLEM);
        given().contentType("text/plain").body("namespaces: a").put(policy(tenant)).then().statusCode(415)
                .contentType(PROBLEM);
        json().put(policy(tenant)).then().statusCode(400).contentType(PROBLEM);
        assertThat(stored(tenant)).isEqualTo(before);
        // A malformed tenant in the path is a 400 before anything is looked up.
        given().get("/api/v1/tenants/Not_A_Tenant/cluster-policy").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aReleaseMayTargetOnlyANamespaceThePolicyAllows() {
        String tenant = newTenant();
        String release = "{\"name\":\"%s\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"s\","
                + "\"targetNamespace\":\"%s\"}";
        String before = ReleaseRows.dumpTenant(tenant);
        Api.create(tenant, release.formatted("sys", "kube-system")).then().statusCode(422).contentType(PROBLEM)
                .body("violations.field", equalTo(List.of("targetNamespace")))
                .body("violations[0].message", containsString("kube-system"))
                .body("violations[0].message", containsString("cluster policy"));
        assertThat(ReleaseRows.dumpTenant(tenant)).isEqualTo(before);
        // The default allows the tenant's own namespace, and nothing else.
        Api.create(tenant, release.formatted("own", tenant)).then().statusCode(201);
        Api.create(tenant, release.formatted("apps", tenant + "-apps")).then().statusCode(422);

        Api.allowNamespaces(tenant, tenant, tenant + "-*");
        Api.create(tenant, release.formatted("apps", tenant + "-apps")).then().statusCode(201);
        Api.create(tenant, release.formatted("sys", "kube-system")).then().statusCode(422);

        // Narrowed later: updates of a release in a namespace no longer allowed are refused the same way.
        Api.allowNamespaces(tenant, tenant);
        given().contentType("application/merge-patch+json").body("{\"suspend\":true}")
                .patch(Api.base(tenant) + "/apps").then().statusCode(422)
                .body("violations.field", equalTo(List.of("targetNamespace")));
        given().contentType("application/merge-patch+json").body("{\"suspend\":true}")
                .patch(Api.base(tenant) + "/own").then().statusCode(200);
        // Deleting stays possible.
        given().delete(Api.base(tenant) + "/apps").then().statusCode(204);
    }
}
