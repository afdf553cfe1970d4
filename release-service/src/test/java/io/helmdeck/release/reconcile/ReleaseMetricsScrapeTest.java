package io.helmdeck.release.reconcile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.helmdeck.release.support.ReleaseApi;
import io.helmdeck.release.support.ChartFiles;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.helmdeck.release.support.SandboxClusterResource;

/**
 * What an operator scrapes from release-service after a release is installed: reconciles by action and outcome,
 * their duration histogram, Kubernetes API requests by verb and status, releases by phase, HTTP histograms and the
 * build. Against the sandbox cluster (client-side apply) and a stand-in repo-service.
 */
@QuarkusTest
@WithTestResource(value = SandboxClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = SourceDouble.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ReleaseMetricsScrapeTest {

    @Inject
    ReleasePhaseMetrics phases;

    @Test
    void anInstallIsCountedTimedAndItsKubernetesRequestsAreCounted() throws Exception {
        String tenant = ReleaseApi.newTenant();
        SourceDouble.publish(tenant, "metered", "0.1.0", ChartFiles.scaffold("metered", "0.1.0", "1.0.0", Map.of()));
        ReleaseApi.json().body("{\"name\":\"metered\",\"sourceType\":\"OCIRepository\",\"sourceName\":\"metered\","
                + "\"install\":{\"createNamespace\":true},\"values\":{}}").post(ReleaseApi.base(tenant)).then().statusCode(201);
        ReconcilerClusterTest.await(tenant, "metered", r -> "Deployed".equals(r.getString("status.phase")));
        // A request for something that is not there: the API server's 404 is counted as such.
        assertThat(SandboxClusterResource.cluster().client().configMaps().inNamespace(tenant).withName("not-there").get()).isNull();
        phases.refresh().await().atMost(Duration.ofSeconds(10));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(value(metrics, "helmdeck_reconciles_total{action=\"install\",outcome=\"Succeeded\"}"))
                .isGreaterThanOrEqualTo(1);
        // No install of this run was counted as failed (an earlier Quarkus app in the same test JVM may have left
        // the series behind at 0).
        assertThat(metrics.lines()
                .filter(line -> line.startsWith("helmdeck_reconciles_total{action=\"install\",outcome=\"Failed\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum()).isZero();
        double installs = value(metrics, "helmdeck_reconcile_duration_seconds_count{action=\"install\"}");
        assertThat(installs).isGreaterThanOrEqualTo(1);
        assertThat(bucket(metrics, "helmdeck_reconcile_duration_seconds", "action=\"install\"", "+Inf"))
                .isEqualTo(installs);
        assertThat(bucket(metrics, "helmdeck_reconcile_duration_seconds", "action=\"install\"", "300.0"))
                .as("an install of a scaffold chart into the mock takes well under five minutes").isEqualTo(installs);
        assertThat(value(metrics, "helmdeck_reconcile_duration_seconds_sum{action=\"install\"}")).isPositive();

        assertThat(value(metrics, "helmdeck_kube_requests_total{status=\"404\",verb=\"get\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metrics).as("the install wrote objects").containsPattern(
                "(?m)^helmdeck_kube_requests_total\\{status=\"20[01]\",verb=\"(create|update|patch)\"} [1-9]");
        assertThat(value(metrics, "helmdeck_releases{phase=\"Deployed\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metrics)
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{(?=.*method=\"POST\")"
                        + "(?=.*status=\"201\")(?=.*le=\"\\+Inf\").*} [1-9]")
                .containsPattern("(?m)^helmdeck_build_info\\{version=\"[^\"]+\"} 1\\.0$");
    }

    /** The sample of exactly this series (name and labels as Prometheus prints them). */
    static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("series %s in%n%s", series, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static double bucket(String metrics, String name, String label, String le) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "_bucket{") + "(?=.*" + Pattern.quote(label)
                + ")(?=.*le=\"" + Pattern.quote(le) + "\").*} (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("bucket le=%s of %s{%s}", le, name, label).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
