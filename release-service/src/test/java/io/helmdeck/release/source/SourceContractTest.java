package io.helmdeck.release.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.release.reconcile.SourceDouble;
import io.helmdeck.support.testing.Contracts;
import io.helmdeck.support.testing.SecurityResource;

/**
 * The sources API ({@code GET /internal/v1/sources/{tenant}/{name}}) as release-service sees it, bound to the fixture
 * {@code contracts/sources/source.json} that repo-service's {@code InternalApiContractTest} holds the real resource to
 * (ADR 0015): the client reads the fixture, and both hand-written stand-ins answer with bodies that conform to it.
 */
class SourceContractTest {

    private static final String PATH = "/internal/v1/sources/team-a/podinfo";

    private final SourceApiDouble repoService = new SourceApiDouble();
    private final SourceClient client = new SourceClient(repoService.client());

    @AfterEach
    void stop() {
        repoService.close();
    }

    @Test
    void theClientReadsTheContractsFullestSource() throws Exception {
        String fixture = Contracts.fixture("sources/source.json");
        repoService.answerJson(PATH, 200, fixture);

        SourceLookup lookup = client.find("team-a", "podinfo");

        assertThat(lookup).isInstanceOf(SourceLookup.Found.class);
        var repository = ((SourceLookup.Found) lookup).repository();
        String digest = new ObjectMapper().readTree(fixture).at("/status/artifact/digest").asText();
        assertThat(repository.status().artifact().digest()).isEqualTo(digest);
        assertThat(repository.auth().secretSet()).isTrue();
    }

    @Test
    void theClientTestsCannedSourceConforms() {
        Contracts.assertConforms(SourceClientTest.repositoryJson(""), "sources/source.json");
    }

    @Test
    void theReconcilerTestsStandInAnswersConformingSources() throws Exception {
        SourceDouble standIn = new SourceDouble();
        Map<String, String> config = standIn.start();
        String tenant = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            SourceDouble.publish(tenant, "podinfo", "1.0.0", "chart bytes".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(config.get("helmdeck.repo-service.url") + "/internal/v1/sources/" + tenant + "/podinfo"))
                    .header("Authorization", "Bearer " + SecurityResource.RELEASE_SERVICE_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            Contracts.assertConforms(answer.body(), "sources/source.json");
        } finally {
            SourceDouble.remove(tenant, "podinfo");
            standIn.stop();
        }
    }
}
