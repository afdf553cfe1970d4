package io.helmdeck.release.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.helmdeck.release.lookup.ClusterLookup;
import io.helmdeck.release.lookup.RbacMockCluster;

/**
 * Regression (issue 10 item 5): Helm's {@code lookup} read the cluster the process environment named, not the one
 * Helmdeck is configured with. Runs in a JVM of its own (surefire execution {@code lookup-environment}) started with
 * {@code KUBECONFIG}, {@code HELM_KUBEAPISERVER} and {@code HELM_KUBEASUSER} set, as an operator's shell might be.
 */
class ChartLookupEnvironmentTest {

    @TempDir
    Path tmp;

    @Test
    void lookupReadsTheConfiguredClusterNotTheOneTheProcessEnvironmentNames() throws Exception {
        assumeTrue("true".equals(System.getenv("HELMDECK_TEST_LOOKUP_ENVIRONMENT")),
                "run by the lookup-environment surefire execution");
        Path environmentKubeconfig = Path.of(System.getenv("KUBECONFIG"));
        try (RbacMockCluster configured = RbacMockCluster.start()
                .secret("team-a", "db", "password", "from-the-configured-cluster");
                RbacMockCluster environment = RbacMockCluster.start()
                        .secret("team-a", "db", "password", "from-the-environment's-cluster")) {
            Files.createDirectories(environmentKubeconfig.getParent());
            Files.writeString(environmentKubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: elsewhere
                      cluster:
                        server: %s
                    users:
                    - name: elsewhere
                      user: {}
                    contexts:
                    - name: elsewhere
                      context: {cluster: elsewhere, user: elsewhere}
                    current-context: elsewhere
                    """.formatted(environment.url()), StandardCharsets.UTF_8);
            // The environment really leads to the other cluster, and it really holds another value there.
            try (KubernetesClient fromEnvironment = new KubernetesClientBuilder().build()) {
                String value = fromEnvironment.secrets().inNamespace("team-a").withName("db").get().getData()
                        .get("password");
                assertThat(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8))
                        .isEqualTo("from-the-environment's-cluster");
            }
            int environmentRequestsBefore = environment.requests().size();
            ChartRenderer renderer = new ChartRenderer(TestRenderConfig.defaults(tmp.resolve("work")),
                    new ClusterLookup(() -> Optional.of(configured.client())));

            RenderedRelease release = renderer.render(LookupCharts.request(LookupCharts.secretReader(tmp),
                    "team-a", "team-a"));

            assertThat(LookupCharts.found(release)).containsEntry("found", "yes")
                    .containsEntry("password", "from-the-configured-cluster");
            assertThat(environment.requests()).as("requests to the environment's cluster while rendering")
                    .hasSize(environmentRequestsBefore);
            assertThat(configured.requests()).extracting(RbacMockCluster.Seen::path)
                    .contains("/api/v1/namespaces/team-a/secrets/db");
        }
    }
}
