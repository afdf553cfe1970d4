package io.helmdeck.repo.service;

import static io.helmdeck.repo.support.RepoApi.createMinimal;
import static io.helmdeck.repo.support.RepoApi.newTenant;
import static io.helmdeck.repo.support.Workers.claimAll;
import static io.helmdeck.repo.support.Workers.drainEverythingDue;
import static io.helmdeck.repo.support.Workers.report;
import static io.helmdeck.repo.support.Workers.reportBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The metrics an operator alerts on, scraped from /q/metrics after repositories are created, claimed and synced. */
@QuarkusTest
class RepositoryPhaseMetricsTest {

    @Inject
    RepositoryPhaseMetrics phases;

    @Test
    void repositoriesByPhaseBacklogAndLeaseLagFollowTheSyncs() {
        drainEverythingDue();
        String tenant = newTenant();
        double pending = scrapeAfterRefresh("helmdeck_repositories{phase=\"Pending\"}");
        double failed = scrapeAfterRefresh("helmdeck_repositories{phase=\"Failed\"}");
        assertThat(scrapeAfterRefresh("helmdeck_sync_backlog")).as("everything due was claimed").isZero();

        createMinimal(tenant, "first").then().statusCode(201);
        createMinimal(tenant, "second").then().statusCode(201);

        assertThat(scrapeAfterRefresh("helmdeck_sync_backlog")).as("two new repositories, due, unclaimed").isEqualTo(2);
        assertThat(scrapeAfterRefresh("helmdeck_repositories{phase=\"Pending\"}")).isEqualTo(pending + 2);

        List<Long> claimed = claimAll("metrics-worker", tenant, 10, 60);
        assertThat(claimed).hasSize(2);
        report(claimed.get(0), reportBody("metrics-worker", 0, "Failed", null, "AuthenticationFailed",
                "401 Unauthorized", null)).then().statusCode(204);

        assertThat(scrapeAfterRefresh("helmdeck_sync_backlog")).as("claimed ones are not backlog").isZero();
        assertThat(scrapeAfterRefresh("helmdeck_repositories{phase=\"Failed\"}")).isEqualTo(failed + 1);
        assertThat(scrapeAfterRefresh("helmdeck_repositories{phase=\"Pending\"}")).isEqualTo(pending + 1);

        String metrics = scrape();
        // Claimed seconds after they fell due at the latest: in the 30 s bucket, and the histogram is cumulative.
        assertThat(value(metrics, "helmdeck_lease_lag_seconds_bucket{le=\"30.0\"}")).isGreaterThanOrEqualTo(2);
        assertThat(value(metrics, "helmdeck_lease_lag_seconds_bucket{le=\"+Inf\"}"))
                .isGreaterThanOrEqualTo(value(metrics, "helmdeck_lease_lag_seconds_bucket{le=\"30.0\"}"));
        assertThat(metrics).doesNotContain("helmdeck_lease_lag_seconds{quantile=")
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{(?=.*le=\"0\\.005\")"
                        + "(?=.*uri=\"/api/v1/tenants/\\{tenant}/oci-repositories\")")
                .containsPattern("(?m)^helmdeck_build_info\\{version=\"[^\"]+\"} 1\\.0$");
    }

    private double scrapeAfterRefresh(String series) {
        phases.refresh().await().atMost(Duration.ofSeconds(10));
        return value(scrape(), series);
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sample of exactly this series (name and labels as Prometheus prints them). */
    static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("series %s in%n%s", series, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
