package io.helmdeck.repo.rest;

import static io.helmdeck.repo.support.Api.base;
import static io.helmdeck.repo.support.Api.json;
import static io.helmdeck.repo.support.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.helmdeck.repo.support.RepositoryRows;

/** Registry credentials are write-only: never in a response, a log line or clear text in the database. */
@QuarkusTest
class SecretsTest {

    @Test
    void credentialsNeverComeBackAndAreEncryptedAtRest() throws IOException {
        String tenant = newTenant();
        String password = "pw-" + UUID.randomUUID();
        String token = "tok-" + UUID.randomUUID();
        String dockerAuth = "dca-" + UUID.randomUUID();
        List<String> bodies = new ArrayList<>();

        bodies.add(json().body("{\"name\":\"basic\",\"url\":\"oci://r.example.com/a\",\"auth\":{\"type\":\"basic\","
                + "\"username\":\"robot\",\"password\":\"" + password + "\"}}").post(base(tenant)).asString());
        bodies.add(json().body("{\"name\":\"bearer\",\"url\":\"oci://r.example.com/b\",\"auth\":{\"type\":\"bearer\","
                + "\"token\":\"" + token + "\"}}").post(base(tenant)).asString());
        bodies.add(json().body("{\"name\":\"docker\",\"url\":\"oci://r.example.com/c\",\"auth\":{\"type\":"
                + "\"dockerconfigjson\",\"dockerconfigjson\":\"{\\\"auths\\\":{\\\"r.example.com\\\":{\\\"auth\\\":\\\""
                + dockerAuth + "\\\"}}}\"}}").post(base(tenant)).asString());
        // Error paths that carry the secret in the request.
        bodies.add(json().body("{\"name\":\"Bad\",\"url\":\"oci://r.example.com/a\",\"auth\":{\"type\":\"basic\","
                + "\"username\":\"robot\",\"password\":\"" + password + "\"}}").post(base(tenant)).asString());
        bodies.add(json().body("{\"name\":\"x\",\"url\":\"oci://r.example.com/a\",\"auth\":{\"type\":\"basic\","
                + "\"password\":" + password + "}}").post(base(tenant)).asString());
        bodies.add(json().body("{\"name\":\"x\",\"url\":\"oci://r.example.com/a\",\"auth\":{\"type\":\"bearer\","
                + "\"token\":\"" + token + "\",\"password\":\"" + password + "\"}}").post(base(tenant)).asString());
        bodies.add(given().contentType("application/merge-patch+json").body("{\"auth\":{\"password\":\""
                + password + "\"}}").patch(base(tenant) + "/basic").asString());
        bodies.add(given().get(base(tenant)).asString());
        for (String name : List.of("basic", "bearer", "docker")) {
            bodies.add(given().get(base(tenant) + "/" + name).asString());
        }

        assertThat(String.join("\n", bodies)).contains("\"secretSet\":true")
                .doesNotContain(password).doesNotContain(token).doesNotContain(dockerAuth);
        assertThat(RepositoryRows.dumpTenant(tenant)).contains("test-1:")
                .doesNotContain(password).doesNotContain(token).doesNotContain(dockerAuth);
        String log = Files.readString(Path.of("target/quarkus-test.log"));
        assertThat(log).contains(tenant).doesNotContain(password).doesNotContain(token).doesNotContain(dockerAuth);
    }
}
