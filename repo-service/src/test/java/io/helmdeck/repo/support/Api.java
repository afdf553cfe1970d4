package io.helmdeck.repo.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.helmdeck.support.testing.DefaultCredentials;

/** Small REST Assured helpers for the OCI repository API. */
public final class Api {

    private Api() {
    }

    /** A fresh tenant, so tests sharing the database never see each other's records. */
    public static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String base(String tenant) {
        return "/api/v1/tenants/" + tenant + "/oci-repositories";
    }

    /** A request with this bearer token instead of the default admin one. */
    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** A request with no credentials at all. */
    public static RequestSpecification anonymous() {
        return given().header(DefaultCredentials.ANONYMOUS, "true");
    }

    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static Response create(String tenant, String body) {
        return json().body(body).post(base(tenant));
    }

    /** Creates a minimal repository and checks it was created. */
    public static Response createMinimal(String tenant, String name) {
        Response response = create(tenant, "{\"name\":\"" + name + "\",\"url\":\"oci://registry.example.com/charts/"
                + name + "\"}");
        response.then().statusCode(201);
        return response;
    }

    public static Response get(String tenant, String name) {
        return given().accept(ContentType.JSON).get(base(tenant) + "/" + name);
    }
}
