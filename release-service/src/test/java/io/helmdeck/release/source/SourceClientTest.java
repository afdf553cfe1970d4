package io.helmdeck.release.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.model.OciRepository;

/** Looking up a release's source in repo-service: the three answers a reconcile acts on. */
class SourceClientTest {

    private static final String PATH = "/internal/v1/sources/team-a/podinfo";
    private static final String DIGEST = "sha256:" + "b".repeat(64);

    private final SourceApiDouble repoService = new SourceApiDouble();
    private final SourceClient client = new SourceClient(repoService.client());

    @AfterEach
    void stop() {
        repoService.close();
    }

    @Test
    void anExistingRepositoryIsFoundWithItsStatusAndArtifact() {
        repoService.answerJson(PATH, 200, repositoryJson(""));

        SourceLookup lookup = client.find("team-a", "podinfo");

        assertThat(lookup).isInstanceOf(SourceLookup.Found.class);
        OciRepository repository = ((SourceLookup.Found) lookup).repository();
        assertThat(repository.tenant()).isEqualTo("team-a");
        assertThat(repository.name()).isEqualTo("podinfo");
        assertThat(repository.version()).isEqualTo(7);
        assertThat(repository.createdAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(repository.status().phase()).isEqualTo("Ready");
        assertThat(repository.status().artifact().revision()).isEqualTo("6.5.0@sha256:" + "a".repeat(64));
        assertThat(repository.status().artifact().digest()).isEqualTo(DIGEST);
        assertThat(repository.status().artifact().chart().version()).isEqualTo("6.5.0");
        assertThat(repoService.requests()).containsExactly("GET " + PATH);
    }

    @Test
    void fieldsFromANewerRepoServiceAreIgnored() {
        repoService.answerJson(PATH, 200, repositoryJson(",\"shinyNewField\":{\"a\":[1,2]}"));

        SourceLookup lookup = client.find("team-a", "podinfo");

        assertThat(lookup).isInstanceOf(SourceLookup.Found.class);
        assertThat(((SourceLookup.Found) lookup).repository().status().artifact().digest()).isEqualTo(DIGEST);
    }

    @Test
    void a404MeansTheSourceDoesNotExist() {
        assertThat(client.find("team-a", "gone")).isEqualTo(new SourceLookup.NotFound());
    }

    @Test
    void aServerErrorIsUnavailableWithRepoServicesExplanation() {
        repoService.answerJson(PATH, 500, "{\"status\":500,\"detail\":\"database connection lost\"}");

        SourceLookup lookup = client.find("team-a", "podinfo");

        assertThat(lookup).isInstanceOf(SourceLookup.Unavailable.class);
        assertThat(((SourceLookup.Unavailable) lookup).message())
                .isEqualTo("repo-service answered 500: database connection lost");
    }

    @Test
    void anUnreadableBodyIsUnavailableNotNotFound() {
        repoService.answerJson(PATH, 200, "{\"name\": [\"not\", \"a\", \"string\"]");

        assertThat(client.find("team-a", "podinfo")).isInstanceOf(SourceLookup.Unavailable.class);
    }

    @Test
    void aRepoServiceThatIsDownIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SourceClient offline = new SourceClient(repoService.client("http://127.0.0.1:" + closedPort));

        SourceLookup lookup = offline.find("team-a", "podinfo");

        assertThat(lookup).isInstanceOf(SourceLookup.Unavailable.class);
        assertThat(((SourceLookup.Unavailable) lookup).message()).contains("unreachable", "127.0.0.1:" + closedPort);
    }

    /** An OCI repository as repo-service returns it, with {@code extra} appended inside status.artifact and at the top. */
    static String repositoryJson(String extra) {
        return "{\"tenant\":\"team-a\",\"name\":\"podinfo\",\"url\":\"oci://ghcr.io/stefanprodan/charts/podinfo\","
                + "\"interval\":\"05:00\",\"ref\":{\"tag\":\"6.5.0\"},\"layerSelector\":{\"mediaType\":"
                + "\"application/vnd.cncf.helm.chart.content.v1.tar+gzip\",\"operation\":\"extract\"},"
                + "\"auth\":{\"type\":\"none\"},\"insecure\":false,\"timeout\":\"60s\",\"suspend\":false,"
                + "\"version\":7,\"createdAt\":\"2026-11-24T10:00:00Z\",\"updatedAt\":\"2026-11-24T10:00:00Z\","
                + "\"status\":{\"phase\":\"Ready\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
                + "\"reason\":\"Succeeded\",\"message\":\"stored\",\"lastTransitionTime\":\"2026-11-24T10:00:01Z\"}],"
                + "\"artifact\":{\"revision\":\"6.5.0@sha256:" + "a".repeat(64) + "\",\"digest\":\"" + DIGEST + "\","
                + "\"size\":1234,\"mediaType\":\"application/vnd.cncf.helm.chart.content.v1.tar+gzip\","
                + "\"lastUpdateTime\":\"2026-11-24T10:00:01Z\",\"chart\":{\"name\":\"podinfo\",\"version\":\"6.5.0\"}"
                + extra + "},\"consecutiveFailures\":0,\"observedVersion\":7}" + extra + "}";
    }
}
