package io.helmdeck.release.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helmdeck.release.kube.ReleaseIdentity;
import io.helmdeck.release.lookup.ClusterLookup;
import io.helmdeck.release.lookup.RbacMockCluster;

/** Helm's {@code lookup} during rendering reads the configured cluster, as the render's identity, or nothing. */
class ChartLookupTest {

    private static final ReleaseIdentity TEAM_A = ReleaseIdentity.serviceAccount("team-a", "helmdeck-tenant");
    private static final ReleaseIdentity TEAM_B = ReleaseIdentity.serviceAccount("team-b", "helmdeck-tenant");

    @TempDir
    Path tmp;
    RbacMockCluster cluster;
    ClusterLookup lookup;

    @BeforeEach
    void setUp() {
        cluster = RbacMockCluster.start()
                .secret("team-a", "db", "password", "team-a-password")
                .secret("team-b", "db", "password", "team-b-password");
        lookup = new ClusterLookup(() -> Optional.of(cluster.client()));
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private ChartRenderer renderer(ClusterLookup with) {
        return new ChartRenderer(TestRenderConfig.defaults(tmp.resolve("work")), with);
    }

    @Test
    void withoutAClusterLookupFindsNothingAndTheChartRenders() throws Exception {
        ChartRenderer offline = new ChartRenderer(TestRenderConfig.defaults(tmp.resolve("work")));

        RenderedRelease release = offline.render(LookupCharts.request(LookupCharts.secretReader(tmp), "team-a",
                "team-a"));

        assertThat(LookupCharts.found(release)).containsEntry("found", "no").containsEntry("password", "");
        assertThat(cluster.requests()).as("a renderer without a cluster asks no cluster").isEmpty();
    }

    @Test
    void lookupReadsTheConfiguredClusterWithHelmdecksOwnIdentity() throws Exception {
        RenderedRelease release = renderer(lookup).render(LookupCharts.request(LookupCharts.secretReader(tmp),
                "team-a", "team-b"));

        assertThat(LookupCharts.found(release)).containsEntry("found", "yes")
                .containsEntry("password", "team-b-password");
        assertThat(cluster.requests()).contains(
                new RbacMockCluster.Seen("GET", "/api/v1/namespaces/team-b/secrets/db", null, 200));
        assertThat(cluster.requests()).extracting(RbacMockCluster.Seen::method).containsOnly("GET");
    }

    @Test
    void anImpersonatedServiceAccountFindsNoSecretOfAnotherNamespaceAndItsValueIsNeitherShownNorLogged()
            throws Exception {
        byte[] chart = LookupCharts.secretReader(tmp);
        ChartRenderer renderer = renderer(lookup);
        RenderedRelease own;
        RenderedRelease other;
        List<String> logged;
        try (LookupCharts.LogCapture logs = new LookupCharts.LogCapture()) {
            own = renderer.render(LookupCharts.request(chart, "team-a", "team-a"), TEAM_A);
            other = renderer.render(LookupCharts.request(chart, "team-a", "team-b"), TEAM_A);
            logged = logs.messages();
        }

        assertThat(LookupCharts.found(own)).as("its own namespace's Secret").containsEntry("found", "yes")
                .containsEntry("password", "team-a-password");
        assertThat(LookupCharts.found(other)).as("another namespace's Secret").containsEntry("found", "no")
                .containsEntry("password", "");
        assertThat(cluster.requests()).as("the cluster refused the impersonated read, as RBAC would").contains(
                new RbacMockCluster.Seen("GET", "/api/v1/namespaces/team-b/secrets/db",
                        "system:serviceaccount:team-a:helmdeck-tenant", 403));
        assertThat(cluster.requests()).filteredOn(seen -> seen.path().contains("/secrets/"))
                .extracting(RbacMockCluster.Seen::impersonatedUser)
                .containsOnly("system:serviceaccount:team-a:helmdeck-tenant");
        String base64 = Base64.getEncoder().encodeToString("team-b-password".getBytes(StandardCharsets.UTF_8));
        assertThat(other.manifest()).doesNotContain("team-b-password").doesNotContain(base64);
        assertThat(logged).as("the proxy logged the lookups").anyMatch(m -> m.contains("lookup"));
        assertThat(logged).noneMatch(m -> m.contains("team-b-password") || m.contains(base64)
                || m.contains("team-a-password"));
    }

    @Test
    void lookupRendersRunOneAtATimeEachWithItsOwnIdentity() throws Exception {
        byte[] chart = LookupCharts.secretReader(tmp);
        ChartRenderer renderer = renderer(lookup);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Map<String, Object>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String team = i % 2 == 0 ? "team-a" : "team-b";
                ReleaseIdentity identity = i % 2 == 0 ? TEAM_A : TEAM_B;
                results.add(pool.submit(() -> LookupCharts.found(
                        renderer.render(LookupCharts.request(chart, team, team), identity))));
            }
            for (int i = 0; i < results.size(); i++) {
                String team = i % 2 == 0 ? "team-a" : "team-b";
                assertThat(results.get(i).get()).as("render %d as %s", i, team)
                        .containsEntry("found", "yes").containsEntry("password", team + "-password");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cluster.requests()).filteredOn(seen -> seen.path().contains("/secrets/"))
                .hasSize(8).noneMatch(seen -> seen.status() == 403);
    }
}
