package io.helmdeck.repo.rest;

import static io.helmdeck.repo.support.RepoApi.createMinimal;
import static io.helmdeck.repo.support.RepoApi.newTenant;
import static io.helmdeck.repo.support.Workers.artifactJson;
import static io.helmdeck.repo.support.Workers.claimAll;
import static io.helmdeck.repo.support.Workers.drainEverythingDue;
import static io.helmdeck.repo.support.Workers.report;
import static io.helmdeck.repo.support.Workers.reportBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.helmdeck.repo.service.ArtifactService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** The content-addressed store: verified on upload, shared, immutable on download, collected when unused. */
@QuarkusTest
class ArtifactResourceTest {

    private static final String MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    @Inject
    ArtifactService artifacts;

    static String sha256(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static byte[] randomBlob() {
        return ("chart-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    }

    private static io.restassured.response.Response upload(String digest, byte[] content) {
        return given().contentType(MEDIA_TYPE).body(content).put("/internal/v1/artifacts/" + digest);
    }

    @Test
    void uploadIsVerifiedStoredOnceAndServedByDigest() throws Exception {
        byte[] blob = randomBlob();
        String digest = sha256(blob);
        given().head("/internal/v1/artifacts/" + digest).then().statusCode(404);

        upload(digest, blob).then().statusCode(201);
        upload(digest, blob).then().statusCode(200);
        given().head("/internal/v1/artifacts/" + digest).then().statusCode(200);

        byte[] served = given().get("/api/v1/artifacts/" + digest).then().statusCode(200)
                .header("ETag", equalTo("\"" + digest + "\""))
                .header("Content-Type", equalTo(MEDIA_TYPE))
                .header("Cache-Control", equalTo("private, max-age=31536000, immutable"))
                .extract().asByteArray();
        assertThat(served).isEqualTo(blob);
        given().header("If-None-Match", "\"" + digest + "\"").get("/api/v1/artifacts/" + digest)
                .then().statusCode(304);
    }

    @Test
    void bytesThatDoNotHashToTheDigestAreRejected() throws Exception {
        byte[] blob = randomBlob();
        String digest = sha256(blob);
        byte[] tampered = blob.clone();
        tampered[0] ^= 1;
        upload(digest, tampered).then().statusCode(422).contentType("application/problem+json");
        given().head("/internal/v1/artifacts/" + digest).then().statusCode(404);
    }

    @Test
    void malformedOrUnknownDigestsAreClearErrors() throws Exception {
        given().get("/api/v1/artifacts/sha256:1234").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/artifacts/" + sha256(randomBlob())).then().statusCode(404)
                .contentType("application/problem+json");
        upload("md5:abc", randomBlob()).then().statusCode(400);
    }

    @Test
    void garbageCollectionKeepsReferencedBlobsOnly() throws Throwable {
        byte[] kept = randomBlob();
        byte[] dropped = randomBlob();
        String keptDigest = sha256(kept);
        String droppedDigest = sha256(dropped);
        upload(keptDigest, kept).then().statusCode(201);
        upload(droppedDigest, dropped).then().statusCode(201);
        drainEverythingDue();
        String tenant = newTenant();
        createMinimal(tenant, "uses-blob");
        long id = claimAll("gc", tenant, 10, 60).get(0);
        report(id, reportBody("gc", 0, "Updated", artifactJson("1.0.0", "f".repeat(64), keptDigest), null, null, null))
                .then().statusCode(204);

        Long deleted = VertxContextSupport.subscribeAndAwait(() -> artifacts.collectGarbage());

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        given().head("/internal/v1/artifacts/" + keptDigest).then().statusCode(200);
        given().head("/internal/v1/artifacts/" + droppedDigest).then().statusCode(404);
    }
}
