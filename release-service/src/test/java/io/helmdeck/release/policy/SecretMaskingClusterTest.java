package io.helmdeck.release.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Secret;
import io.helmdeck.release.reconcile.SourceDouble;
import io.helmdeck.release.support.ReleaseApi;
import io.helmdeck.release.support.ChartFiles;
import io.helmdeck.support.testing.Db;
import io.helmdeck.release.support.ReleaseRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.helmdeck.release.support.SandboxClusterResource;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * A chart's Secret deployed to the Kubernetes mock: the cluster and the stored revision keep the real value, the
 * manifest response shows only the marker, and a changed value still shows as a changed object in the diff.
 */
@QuarkusTest
@WithTestResource(value = SandboxClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = SourceDouble.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class SecretMaskingClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String FIRST = "first-db-password-7d1c";
    private static final String SECOND = "second-db-password-93ab";
    private static final String SECRET_TEMPLATE = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: {{ .Release.Name }}-db
            type: Opaque
            data:
              password: {{ .Values.password | b64enc }}
            stringData:
              user: {{ .Values.user }}
            """;

    @Test
    void secretValuesReachTheClusterButNeverTheManifestOrDiffResponses() throws Exception {
        String tenant = ReleaseApi.newTenant();
        SourceDouble.publish(tenant, "vault", "0.1.0", ChartFiles.scaffold("vault", "0.1.0", "1.0.0",
                Map.of("templates/secret.yaml", SECRET_TEMPLATE)));
        ReleaseApi.json().body(Map.of("name", "vault", "sourceType", "OCIRepository", "sourceName", "vault",
                "install", Map.of("createNamespace", true),
                "values", Map.of("password", FIRST, "user", "db-admin-user-5e2f"))).post(ReleaseApi.base(tenant))
                .then().statusCode(201);
        await(tenant, "vault", r -> "Deployed".equals(r.getString("status.phase")));

        Secret live = SandboxClusterResource.cluster().client().secrets().inNamespace(tenant).withName("vault-db").get();
        assertThat(live).as("the Secret is in the cluster").isNotNull();
        assertThat(live.getData()).containsEntry("password", b64(FIRST));
        assertThat(Db.column("select manifest from helm_release_revision where release_id = ?",
                ReleaseRows.releaseId(tenant, "vault")).get(0)).as("stored with the real value, for re-applying")
                .contains(b64(FIRST));

        String manifest = given().get(ReleaseApi.base(tenant) + "/vault/manifest").then().statusCode(200).extract()
                .asString();
        assertThat(manifest).contains("kind: Secret", "name: vault-db", "password: " + SecretRedaction.MARKER,
                "user: " + SecretRedaction.MARKER, "kind: Deployment");
        assertThat(manifest).doesNotContain(b64(FIRST), FIRST, "db-admin-user-5e2f");

        // Suspended, so the new value is not deployed: the diff compares real values and names the Secret changed.
        given().contentType("application/merge-patch+json")
                .body(Map.of("suspend", true, "values", Map.of("password", SECOND)))
                .patch(ReleaseApi.base(tenant) + "/vault").then().statusCode(200);
        String diff = given().get(ReleaseApi.base(tenant) + "/vault/diff").then().statusCode(200).extract().asString();
        JsonPath view = new JsonPath(diff);
        assertThat(view.getList("changed.kind", String.class)).containsExactly("Secret");
        assertThat(view.getList("changed.name", String.class)).containsExactly("vault-db");
        assertThat(diff).doesNotContain(FIRST, SECOND, b64(FIRST), b64(SECOND));
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonPath await(String tenant, String name, Predicate<JsonPath> done) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < end) {
            last = ReleaseApi.get(tenant, name).then().statusCode(200).extract().jsonPath();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("release " + name + " not there within " + WAIT + "; last: "
                + (last == null ? "nothing" : last.prettify()));
    }
}
