package io.helmdeck.sync.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.model.sync.ClaimRequest;
import io.helmdeck.model.sync.LeaseReport;
import io.helmdeck.model.sync.ReportDelivery;
import io.helmdeck.model.sync.ReportResult;
import io.helmdeck.model.sync.SyncExchange;
import io.helmdeck.model.sync.SyncExchanged;
import io.helmdeck.model.sync.SyncOutcome;
import io.helmdeck.model.sync.SyncReport;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.model.value.Digest;
import io.helmdeck.sync.oci.VerifiedBlob;
import io.helmdeck.sync.testing.LeaseApiDouble;
import io.helmdeck.sync.testing.TestTasks;

/** The wire side of the contract with repo-service: paths, bodies, and what each status means to the worker. */
class LeaseClientTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    LeaseApiDouble repoService;
    LeaseClient leases;
    ArtifactStoreClient store;

    @BeforeEach
    void start() throws Exception {
        repoService = LeaseApiDouble.start();
        leases = repoService.leaseClient();
        store = repoService.artifactStore();
    }

    @AfterEach
    void stop() {
        repoService.close();
    }

    static SyncReport unchanged(String worker) {
        return new SyncReport(worker, 1, SyncOutcome.Unchanged, null, null, null, 12, null);
    }

    private List<SyncTask> claim(LeaseClient client, String worker) {
        return client.exchange(new SyncExchange(List.of(), new ClaimRequest(worker, 5, 30))).await().atMost(WAIT)
                .tasks();
    }

    private ReportDelivery report(long repositoryId, SyncReport report) {
        SyncExchanged answer = leases.exchange(new SyncExchange(List.of(new LeaseReport(repositoryId, report)), null))
                .await().atMost(WAIT);
        assertThat(answer.tasks()).as("an exchange without a claim claims nothing").isEmpty();
        return answer.results().get(0).delivery();
    }

    @Test
    void reportsOfOneExchangeAreAnsweredOneByOneAndItsClaimFollowsThem() {
        repoService.addDue(TestTasks.tag(7, "registry.example.com", "charts/demo", "1.0.0"));
        repoService.addDue(TestTasks.tag(8, "registry.example.com", "charts/other", "1.0.0"));
        assertThat(claim(leases, "worker-1")).hasSize(2);
        repoService.addDue(TestTasks.tag(9, "registry.example.com", "charts/third", "1.0.0"));
        repoService.stealLease(8, "worker-2");

        SyncExchanged answer = leases.exchange(new SyncExchange(List.of(new LeaseReport(7, unchanged("worker-1")),
                new LeaseReport(8, unchanged("worker-1")), new LeaseReport(10, unchanged("worker-1"))),
                new ClaimRequest("worker-1", 5, 30))).await().atMost(WAIT);

        assertThat(answer.results()).extracting(ReportResult::repositoryId, ReportResult::delivery).containsExactly(
                tuple(7L, ReportDelivery.Accepted), tuple(8L, ReportDelivery.LeaseLost),
                tuple(10L, ReportDelivery.RepositoryGone));
        assertThat(answer.tasks()).extracting(SyncTask::repositoryId).containsExactly(9L);
        assertThat(repoService.requests()).containsOnly("POST /internal/v1/sync/exchanges");
    }

    @Test
    void claimRenewAndReportFollowTheLease() {
        repoService.addDue(TestTasks.tag(7, "registry.example.com", "charts/demo", "1.0.0"));

        List<SyncTask> claimed = claim(leases, "worker-1");
        assertThat(claimed).singleElement().satisfies(t -> {
            assertThat(t.repositoryId()).isEqualTo(7);
            assertThat(t.url()).isEqualTo("oci://registry.example.com/charts/demo");
            assertThat(t.leaseExpiresAt()).isAfter(Instant.now().plusSeconds(20));
        });
        assertThat(claim(leases, "worker-2")).isEmpty();

        Optional<Instant> renewed = leases.renew(7, "worker-1", 30).await().atMost(WAIT);
        assertThat(renewed).hasValueSatisfying(at -> assertThat(at).isAfter(Instant.now()));
        assertThat(leases.renew(7, "worker-2", 30).await().atMost(WAIT)).isEmpty();

        assertThat(report(7, unchanged("worker-2")))
                .isEqualTo(ReportDelivery.LeaseLost);
        assertThat(report(7, unchanged("worker-1")))
                .isEqualTo(ReportDelivery.Accepted);
        assertThat(report(8, unchanged("worker-1")))
                .isEqualTo(ReportDelivery.RepositoryGone);
        assertThat(repoService.reports()).extracting(r -> r.report().durationMillis()).containsOnly(12L);
    }

    @Test
    void anUnexpectedAnswerFailsWithTheProblemDetail() {
        repoService.answerClaimsWith(503);

        RepoServiceException e = catchThrowableOfType(RepoServiceException.class,
                () -> claim(leases, "worker-1"));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("503", "claims are switched off");
    }

    @Test
    void noAnswerIsARetryableFailure() {
        repoService.close();

        RepoServiceException e = catchThrowableOfType(RepoServiceException.class,
                () -> claim(leases, "worker-1"));

        assertThat(e.status()).isZero();
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void theStoreIsAskedBeforeAnUploadAndRejectsBytesThatDoNotMatchTheirDigest() {
        byte[] content = "chart bytes".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256Of(content);
        assertThat(store.has(digest).await().atMost(WAIT)).isFalse();

        store.put(new VerifiedBlob(digest, content), "application/x-test").await().atMost(WAIT);
        assertThat(store.has(digest).await().atMost(WAIT)).isTrue();
        assertThat(repoService.artifacts().get(digest.toString()).mediaType()).isEqualTo("application/x-test");

        RepoServiceException e = catchThrowableOfType(RepoServiceException.class, () -> store
                .put(new VerifiedBlob(digest, "other bytes".getBytes(StandardCharsets.UTF_8)), "application/x-test")
                .await().atMost(WAIT));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void everyCallCarriesTheWorkersServiceToken() {
        repoService.addDue(TestTasks.tag(7, "registry.example.com", "charts/demo", "1.0.0"));
        byte[] content = "chart bytes".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256Of(content);

        claim(leases, "worker-1");
        leases.renew(7, "worker-1", 30).await().atMost(WAIT);
        store.has(digest).await().atMost(WAIT);
        store.put(new VerifiedBlob(digest, content), "application/x-test").await().atMost(WAIT);
        report(7, unchanged("worker-1"));

        assertThat(repoService.requests()).hasSize(5);
        assertThat(repoService.refused()).as("requests without the right bearer token").isEmpty();
    }

    @Test
    void withoutAServiceTokenRepoServiceRefusesTheWorkerAndNothingIsStored() {
        repoService.addDue(TestTasks.tag(7, "registry.example.com", "charts/demo", "1.0.0"));
        byte[] content = "chart bytes".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256Of(content);
        for (Optional<String> token : List.of(Optional.<String>empty(), Optional.of("someone-elses-token"))) {
            LeaseHttp http = repoService.http(token);
            LeaseClient anonymous = new LeaseClient(http);
            ArtifactStoreClient anonymousStore = new ArtifactStoreClient(http);

            RepoServiceException claim = catchThrowableOfType(RepoServiceException.class,
                    () -> claim(anonymous, "worker-1"));
            RepoServiceException upload = catchThrowableOfType(RepoServiceException.class,
                    () -> anonymousStore.put(new VerifiedBlob(digest, content), "application/x-test")
                            .await().atMost(WAIT));

            assertThat(claim.status()).isEqualTo(401);
            assertThat(claim.retryable()).as("a wrong token does not fix itself").isFalse();
            assertThat(upload.status()).isEqualTo(401);
        }
        assertThat(repoService.claims()).isEmpty();
        assertThat(repoService.artifacts()).isEmpty();
        assertThat(repoService.refused()).hasSize(4);
    }
}
