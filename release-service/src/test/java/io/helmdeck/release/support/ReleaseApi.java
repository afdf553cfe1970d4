package io.helmdeck.release.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.helmdeck.support.testing.DefaultCredentials;

/** Small REST Assured helpers for the Helm release API. */
public final class ReleaseApi {

    private ReleaseApi() {
    }

    /** A fresh tenant, so tests sharing the database never see each other's records. */
    public static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String base(String tenant) {
        return "/api/v1/tenants/" + tenant + "/helm-releases";
    }

    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request as the holder of {@code token} (instead of the default admin token). */
    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** A request without any credential. */
    public static RequestSpecification anonymous() {
        return given().header(DefaultCredentials.ANONYMOUS, "yes").contentType(ContentType.JSON);
    }

    public static Response create(String tenant, String body) {
        return json().body(body).post(base(tenant));
    }

    /** Creates a minimal release from the OCI repository {@code source} and checks it was created. */
    public static Response createMinimal(String tenant, String name) {
        Response response = create(tenant, minimal(name));
        response.then().statusCode(201);
        return response;
    }

    /** The smallest valid body: a name and an OCI repository source. */
    public static String minimal(String name) {
        return "{\"name\":\"" + name + "\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"podinfo\"}";
    }

    /** Path of a tenant's cluster policy. */
    public static String policy(String tenant) {
        return "/api/v1/tenants/" + tenant + "/cluster-policy";
    }

    /**
     * Lets the tenant's releases deploy to these namespaces (as an admin sets it), for tests whose releases use a
     * namespace other than the tenant's own.
     */
    public static void allowNamespaces(String tenant, String... namespaces) {
        json().body(Map.of("namespaces", List.of(namespaces))).put(policy(tenant))
                .then().statusCode(200);
    }

    public static Response get(String tenant, String name) {
        return given().accept(ContentType.JSON).get(base(tenant) + "/" + name);
    }

    /** Polls the release until {@code done} holds; fails after {@code wait} showing the last answer. */
    public static JsonPath await(String tenant, String name, Duration wait, Predicate<JsonPath> done)
            throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < end) {
            last = get(tenant, name).then().statusCode(200).extract().jsonPath();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("release " + name + " not as expected within " + wait + "; last: "
                + (last == null ? "nothing" : last.prettify()));
    }
}
