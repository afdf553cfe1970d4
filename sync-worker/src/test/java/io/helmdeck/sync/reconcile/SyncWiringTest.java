package io.helmdeck.sync.reconcile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.sync.SyncOutcome;
import io.helmdeck.model.sync.SyncReport;
import io.helmdeck.support.testing.ServiceJar;
import io.helmdeck.sync.lease.WorkerId;
import io.helmdeck.sync.testing.TestTasks;
import io.quarkus.test.junit.QuarkusTest;

/** The sync beans as the application wires them: config defaults, worker id and the Prometheus meters. */
@QuarkusTest
class SyncWiringTest {

    @Inject
    OciRepositoryReconciler reconciler;

    @Inject
    SyncLoop loop;

    @Inject
    WorkerId worker;

    @Test
    void aSyncIsCountedTimedAndReportedUnderTheWorkerId() throws Exception {
        String nobody = "127.0.0.1:" + ServiceJar.freePort();

        SyncReport report = reconciler.reconcile(TestTasks.tag(1, nobody, "charts/demo", "1.0.0"))
                .await().atMost(Duration.ofSeconds(30));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.Failed);
        assertThat(report.reason()).isEqualTo(Reasons.UNREACHABLE);
        assertThat(report.worker()).isEqualTo(worker.value()).matches(".+-[0-9a-f]{6}");
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("helmdeck_syncs_total{outcome=\"Failed\",reason=\"Unreachable\"} 1.0"))
                .body(containsString("helmdeck_sync_duration_seconds_count{outcome=\"Failed\"} 1"))
                .body(containsString("helmdeck_sync_in_flight 0.0"));

        // Durations are histograms (aggregatable across replicas), and the build is named.
        given().when().get("/api/v1/no-such-thing").then().statusCode(404);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        // An unreachable registry fails within the connect timeout: counted in a finite bucket and in +Inf.
        assertThat(metrics).contains("# TYPE helmdeck_sync_duration_seconds histogram")
                .containsPattern("(?m)^helmdeck_sync_duration_seconds_bucket\\{[^}]*le=\"60\\.0\"[^}]*} 1\\.0$")
                .containsPattern("(?m)^helmdeck_sync_duration_seconds_bucket\\{[^}]*le=\"\\+Inf\"[^}]*} 1\\.0$")
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{(?=.*status=\"404\")(?=.*le=\"0\\.005\")")
                .containsPattern("(?m)^helmdeck_build_info\\{version=\"[^\"]+\"} 1\\.0$");
    }

    @Test
    void theLoopIsOffInTestsSoItNeverClaimsFromARealRepoService() {
        loop.scheduledPoll().await().atMost(Duration.ofSeconds(5));

        assertThat(loop.held()).isZero();
    }
}
