package io.helmdeck.release;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The operations endpoints that orchestrators and operators rely on (spec §7). */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void livenessReportsUp() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void readinessReportsUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void openApiDocumentIsServedWithTheServiceTitle() {
        given().accept("application/json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", containsString("3."))
                .body("info.title", equalTo("Helmdeck release service"));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .body(containsString("swagger"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
