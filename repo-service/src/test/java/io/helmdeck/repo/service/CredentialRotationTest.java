package io.helmdeck.repo.service;

import static io.helmdeck.repo.support.Api.anonymous;
import static io.helmdeck.repo.support.Api.as;
import static io.helmdeck.repo.support.Api.base;
import static io.helmdeck.repo.support.Api.json;
import static io.helmdeck.repo.support.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.Db;
import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Key rotation as an operator runs it: values sealed under the old key A (test-0, now a previous key) are
 * re-encrypted under the current key B (test-1), after which a cipher that knows only B opens every stored value.
 */
@QuarkusTest
class CredentialRotationTest {

    private static final String ROTATE = "/api/v1/admin/credentials:rotate";

    @Test
    void everyCredentialUnderAnOldKeyIsReencryptedUnderTheCurrentOne() {
        String tenant = newTenant();
        Map<String, String> passwords = Map.of("alpha", "pw-" + UUID.randomUUID(), "beta", "pw-" + UUID.randomUUID());
        SecretCipher keyA = TestCiphers.only(TestCiphers.PREVIOUS_ID, TestCiphers.PREVIOUS_KEY);
        passwords.forEach((name, password) -> {
            json().body("{\"name\":\"" + name + "\",\"url\":\"oci://r.example.com/charts/" + name + "\",\"auth\":{"
                    + "\"type\":\"basic\",\"username\":\"robot\",\"password\":\"" + password + "\"}}")
                    .post(base(tenant)).then().statusCode(201);
            // As an older release of the service would have stored it: sealed under key A.
            Db.execute("update oci_repository set auth_secret = ? where tenant = ? and name = ?",
                    keyA.encrypt(password, tenant + "/" + name), tenant, name);
        });
        String etag = given().get(base(tenant) + "/alpha").header("ETag");

        given().post(ROTATE).then().statusCode(200)
                .body("keyId", equalTo(TestCiphers.CURRENT_ID))
                .body("reencrypted", equalTo(2))
                .body("failed", equalTo(0));

        SecretCipher onlyB = TestCiphers.only(TestCiphers.CURRENT_ID, TestCiphers.CURRENT_KEY);
        passwords.forEach((name, password) -> {
            String stored = Db.column("select auth_secret from oci_repository where tenant = ? and name = ?",
                    tenant, name).get(0);
            assertThat(stored).startsWith(TestCiphers.CURRENT_ID + ":").doesNotContain(password);
            assertThat(onlyB.decrypt(stored, tenant + "/" + name)).isEqualTo(password);
        });
        // Every credential in the database, not only this test's: key A can now be dropped.
        List<String> everything = Db.column("select tenant || '/' || name || ' ' || auth_secret from oci_repository "
                + "where auth_secret is not null");
        assertThat(everything).isNotEmpty().allSatisfy(row -> {
            String[] parts = row.split(" ", 2);
            assertThat(onlyB.decrypt(parts[1], parts[0])).isNotEmpty();
        });
        // The credential is the same, so the spec version (and every client's ETag) is too.
        given().get(base(tenant) + "/alpha").then().header("ETag", equalTo(etag));
        // Nothing left to do on a second run.
        given().post(ROTATE).then().statusCode(200).body("reencrypted", equalTo(0));
    }

    @Test
    void onlyAnAdminMayRotate() {
        anonymous().post(ROTATE).then().statusCode(401).contentType("application/problem+json");
        as(Tokens.user(newTenant())).post(ROTATE).then().statusCode(403).contentType("application/problem+json");
        as(Tokens.viewer(newTenant())).post(ROTATE).then().statusCode(403).contentType("application/problem+json");
    }
}
