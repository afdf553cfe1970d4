package io.helmdeck.chart;

import static io.helmdeck.chart.RenderedChart.componentName;
import static io.helmdeck.chart.RenderedChart.elements;
import static io.helmdeck.chart.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an operator checks before installing the chart, on the objects Helm's engine renders: secrets only
 * referenced, restricted pods with probes and a memory budget, immutable images, RBAC without wildcards, and values
 * the schema refuses.
 */
class HelmdeckChartTest {

    static final String DB = "helmdeck-db";
    static final String CRYPTO = "helmdeck-crypto";
    static final String TOKENS = "helmdeck-service-tokens";
    static final String JWT = "helmdeck-jwt";

    /** Container memory limits of issue 13 (MiB); the portal's is the chart's own choice. */
    static final Map<String, Integer> MEMORY_BUDGET_MIB = Map.of("repo-service", 256, "sync-worker", 256,
            "release-service", 384, "portal", 256);

    static Stream<Arguments> installs() {
        return Stream.of(
                Arguments.of("minimal values", RenderedChart.render(
                        List.of(RenderedChart.testValues("minimal-values.yaml")), Map.of())),
                Arguments.of("ci/prod-values.yaml", RenderedChart.render(
                        List.of(RenderedChart.ciValues("prod-values.yaml")), Map.of())));
    }

    @Test
    void defaultValuesRefuseToRenderAndNameEveryMissingSecret() {
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database.existingSecret is required")
                .hasMessageContaining("crypto.existingSecret is required")
                .hasMessageContaining("serviceTokens.existingSecret is required")
                .hasMessageContaining("jwt.publicKey.existingSecret (or jwt.jwksUrl) is required");
    }

    @Test
    void oneMissingSecretStillStopsTheRender() {
        assertThatThrownBy(() -> RenderedChart.render(List.of(RenderedChart.testValues("minimal-values.yaml")),
                Map.of("crypto.existingSecret", "")))
                .hasMessageContaining("crypto.existingSecret is required")
                .hasMessageNotContaining("database.existingSecret is required");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installs")
    void rendersAllFourComponents(String values, RenderedChart chart) {
        for (String component : MEMORY_BUDGET_MIB.keySet()) {
            assertThat(chart.has("Deployment", componentName(component))).as(component).isTrue();
            assertThat(chart.has("Service", componentName(component))).as(component).isTrue();
            assertThat(chart.has("ServiceAccount", componentName(component))).as(component).isTrue();
        }
        JsonNode repoService = chart.one("Service", componentName("repo-service"));
        assertThat(repoService.at("/spec/ports/0/port").asInt()).isEqualTo(8081);
        assertThat(chart.one("Service", componentName("portal")).at("/spec/ports/0/port").asInt()).isEqualTo(8080);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installs")
    void everyPodIsRestricted(String values, RenderedChart chart) {
        chart.ofKind("Deployment").forEach(deployment -> {
            String name = deployment.at("/metadata/name").asText();
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).as(name).isEqualTo("RuntimeDefault");
            Set<String> emptyDirs = elements(pod.path("volumes")).filter(v -> v.has("emptyDir"))
                    .map(v -> v.path("name").asText()).collect(Collectors.toSet());
            elements(pod.path("containers")).forEach(c -> {
                JsonNode sc = c.path("securityContext");
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
                assertThat(sc.path("allowPrivilegeEscalation").isBoolean()).as(name).isTrue();
                assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).as(name).isFalse();
                assertThat(sc.path("runAsNonRoot").asBoolean()).as(name).isTrue();
                assertThat(elements(sc.at("/capabilities/drop")).map(JsonNode::asText)).as(name).containsExactly("ALL");
                assertThat(sc.path("privileged").asBoolean(false)).as(name).isFalse();
                // With a read-only root, /tmp must be a writable emptyDir or the JVM and Vert.x cannot start.
                assertThat(elements(c.path("volumeMounts"))
                        .filter(m -> "/tmp".equals(m.path("mountPath").asText()))
                        .map(m -> m.path("name").asText()))
                        .as(name).hasSize(1).allMatch(emptyDirs::contains);
            });
            assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
            assertThat(pod.path("hostPID").asBoolean(false)).isFalse();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installs")
    void everyContainerHasProbesAndAMemoryBudgetTheJvmFitsIn(String values, RenderedChart chart) {
        MEMORY_BUDGET_MIB.forEach((component, budget) -> {
            JsonNode c = chart.one("Deployment", componentName(component)).at("/spec/template/spec/containers/0");
            assertThat(c.at("/livenessProbe/httpGet/path").asText()).as(component).isEqualTo("/q/health/live");
            assertThat(c.at("/readinessProbe/httpGet/path").asText()).as(component).isEqualTo("/q/health/ready");
            assertThat(c.at("/startupProbe/httpGet/path").asText()).as(component).isEqualTo("/q/health/started");
            assertThat(mebibytes(c.at("/resources/limits/memory").asText())).as(component).isBetween(1L, (long) budget);
            assertThat(c.at("/resources/requests/memory").asText()).as(component).isNotEmpty();
            assertThat(c.at("/resources/requests/cpu").asText()).as(component).isNotEmpty();
            String javaOpts = env(c, "JAVA_OPTS_APPEND").path("value").asText();
            // The heap is a share of the container limit, and the image's own flags survive the override.
            assertThat(javaOpts).as(component).contains("-XX:MaxRAMPercentage=", "-XX:MaxMetaspaceSize=", "-Xss",
                    "-Dquarkus.http.host=0.0.0.0");
            // The images pick a collector themselves (GC_CONTAINER_OPTIONS); a second one here stops the JVM.
            assertThat(javaOpts).as(component).doesNotContainPattern("-XX:\\+Use\\w+GC");
            assertThat(env(c, "GC_CONTAINER_OPTIONS").path("value").asText()).as(component).matches("-XX:\\+Use\\w+GC");
        });
    }

    @Test
    void eachJavaServiceMapsTheClassArchiveItsImageMakesAndTheImageBuildChecksIt() throws Exception {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.testValues("minimal-values.yaml")), Map.of());
        java.nio.file.Path root = RenderedChart.chartDir().resolve("../../..").normalize();
        for (String component : List.of("repo-service", "sync-worker", "release-service")) {
            String javaOpts = env(chart.one("Deployment", componentName(component))
                    .at("/spec/template/spec/containers/0"), "JAVA_OPTS_APPEND").path("value").asText();
            String dockerfile = java.nio.file.Files.readString(
                    root.resolve(component).resolve("src/main/docker/Dockerfile.jvm"));
            // ADR 0036: the archive the chart maps is the one the image's training start writes, and the image
            // build stops when the JVM that will run it cannot use it.
            assertThat(javaOpts).as(component).contains("-XX:SharedArchiveFile=/deployments/app-cds.jsa");
            assertThat(dockerfile).as(component).contains("-XX:ArchiveClassesAtExit=/deployments/app-cds.jsa",
                    "-Dquarkus.profile=prod,cds-training", "-XX:SharedArchiveFile=/deployments/app-cds.jsa",
                    "-XX:+PrintSharedArchiveAndExit");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installs")
    void imagesArePinnedToTheReleaseOrADigestNeverAMutableTag(String values, RenderedChart chart) throws Exception {
        String appVersion = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(RenderedChart.chartDir().resolve("Chart.yaml").toFile()).path("appVersion").asText();
        chart.ofKind("Deployment").flatMap(d -> elements(d.at("/spec/template/spec/containers"))).forEach(c -> {
            String image = c.path("image").asText();
            assertThat(image).doesNotEndWith(":latest").doesNotEndWith(":jvm").doesNotEndWith(":native");
            assertThat(image).matches(".+:" + java.util.regex.Pattern.quote(appVersion) + "(@sha256:[0-9a-f]{64})?");
        });
    }

    @Test
    void aDigestPinsTheImage() {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.ciValues("prod-values.yaml")), Map.of());
        assertThat(chart.one("Deployment", componentName("repo-service")).at("/spec/template/spec/containers/0/image")
                .asText()).isEqualTo("registry.example.com/helmdeck/repo-service:0.1.0@sha256:"
                        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installs")
    void secretsAreReferencedNeverCreated(String values, RenderedChart chart) {
        assertThat(chart.ofKind("Secret")).as("the chart must not create Secrets").isEmpty();
        Set<String> referenced = chart.ofKind("Deployment")
                .flatMap(d -> elements(d.at("/spec/template/spec/containers")))
                .flatMap(c -> elements(c.path("env")))
                .map(e -> e.at("/valueFrom/secretKeyRef/name").asText(""))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        assertThat(referenced).containsExactlyInAnyOrder(DB, CRYPTO, TOKENS);
        // No literal value that looks like a credential or a placeholder.
        chart.ofKind("Deployment").flatMap(d -> elements(d.at("/spec/template/spec/containers")))
                .flatMap(c -> elements(c.path("env"))).forEach(e -> {
                    String name = e.path("name").asText();
                    assertThat(e.path("value").asText("")).as(name).doesNotContainIgnoringCase("change-me");
                    if (name.endsWith("_TOKEN") || name.endsWith("_PASSWORD") || name.equals("HELMDECK_CRYPTO_KEY")) {
                        assertThat(e.has("value")).as(name + " must come from a Secret").isFalse();
                        assertThat(e.at("/valueFrom/secretKeyRef/name").asText()).as(name).isNotEmpty();
                    }
                });
    }

    @Test
    void eachServiceGetsItsOwnTokenAndAcceptsOnlyItsCallers() {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.testValues("minimal-values.yaml")), Map.of());
        JsonNode repo = container(chart, "repo-service");
        assertThat(secretKey(repo, "HELMDECK_SERVICE_TOKEN")).isEqualTo("repo-service");
        assertThat(secretKey(repo, "HELMDECK_INTERNAL_SYNC_WORKER_TOKEN")).isEqualTo("sync-worker");
        assertThat(secretKey(repo, "HELMDECK_INTERNAL_RELEASE_SERVICE_TOKEN")).isEqualTo("release-service");
        assertThat(secretKey(repo, "HELMDECK_CRYPTO_KEY")).isEqualTo("key");
        assertThat(secretKey(repo, "QUARKUS_DATASOURCE_REACTIVE_URL")).isEqualTo("repo-reactive-url");
        JsonNode release = container(chart, "release-service");
        assertThat(secretKey(release, "HELMDECK_SERVICE_TOKEN")).isEqualTo("release-service");
        assertThat(secretKey(release, "HELMDECK_INTERNAL_REPO_SERVICE_TOKEN")).isEqualTo("repo-service");
        assertThat(secretKey(release, "QUARKUS_DATASOURCE_REACTIVE_URL")).isEqualTo("release-reactive-url");
        assertThat(env(release, "HELMDECK_CRYPTO_KEY")).as("only repo-service holds the key").isNull();
        JsonNode sync = container(chart, "sync-worker");
        assertThat(secretKey(sync, "HELMDECK_SERVICE_TOKEN")).isEqualTo("sync-worker");
        assertThat(env(sync, "QUARKUS_DATASOURCE_PASSWORD")).as("sync-worker has no database").isNull();
        assertThat(env(sync, "HELMDECK_REPO_SERVICE_URL").path("value").asText())
                .isEqualTo("http://" + componentName("repo-service") + ":8081");
        JsonNode portal = container(chart, "portal");
        assertThat(env(portal, "HELMDECK_REPO_SERVICE_URL").path("value").asText())
                .isEqualTo("http://" + componentName("repo-service") + ":8081");
        assertThat(env(portal, "HELMDECK_RELEASE_SERVICE_URL").path("value").asText())
                .isEqualTo("http://" + componentName("release-service") + ":8082");
        assertThat(elements(portal.path("env")).filter(e -> e.at("/valueFrom/secretKeyRef").isObject()))
                .as("the portal holds no Secret").isEmpty();
        // The JWT public key is a mounted Secret file; with a JWKS URL there is nothing to mount.
        assertThat(env(repo, "MP_JWT_VERIFY_PUBLICKEY_LOCATION").path("value").asText())
                .isEqualTo("/etc/helmdeck/jwt/public-key.pem");
        assertThat(chart.one("Deployment", componentName("repo-service")).at("/spec/template/spec/volumes").toString())
                .contains("\"secretName\":\"" + JWT + "\"");
    }

    @Test
    void onlyReleaseServiceMountsAKubernetesToken() {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.testValues("minimal-values.yaml")), Map.of());
        MEMORY_BUDGET_MIB.keySet().forEach(component -> {
            boolean automount = chart.one("Deployment", componentName(component))
                    .at("/spec/template/spec/automountServiceAccountToken").asBoolean();
            assertThat(automount).as(component).isEqualTo(component.equals("release-service"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installs")
    void noRoleGrantsAWildcard(String values, RenderedChart chart) {
        Stream.of("ClusterRole", "Role").flatMap(chart::ofKind).forEach(role -> {
            String name = role.at("/metadata/name").asText();
            elements(role.path("rules")).forEach(rule -> {
                for (String field : List.of("apiGroups", "resources", "verbs", "nonResourceURLs")) {
                    assertThat(elements(rule.path(field)).map(JsonNode::asText)).as(name + " " + field)
                            .doesNotContain("*");
                }
                assertThat(elements(rule.path("verbs")).map(JsonNode::asText)).as(name)
                        .doesNotContain("escalate", "bind");
            });
        });
    }

    @Test
    void releaseServiceMayOnlyImpersonateTheTenantAccountsAndCreateNamespaces() {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.ciValues("prod-values.yaml")), Map.of());
        JsonNode role = chart.one("ClusterRole", componentName("release-service"));
        assertThat(role.path("rules")).hasSize(2);
        JsonNode impersonate = elements(role.path("rules"))
                .filter(r -> r.path("verbs").toString().contains("impersonate")).findFirst().orElseThrow();
        assertThat(elements(impersonate.path("resources")).map(JsonNode::asText)).containsExactly("serviceaccounts");
        assertThat(elements(impersonate.path("verbs")).map(JsonNode::asText)).containsExactly("impersonate");
        assertThat(elements(impersonate.path("resourceNames")).map(JsonNode::asText))
                .containsExactlyInAnyOrder("helmdeck-tenant", "helmdeck-tenant-admin");
        JsonNode namespaces = elements(role.path("rules"))
                .filter(r -> r.path("resources").toString().contains("namespaces")).findFirst().orElseThrow();
        assertThat(elements(namespaces.path("verbs")).map(JsonNode::asText)).containsExactlyInAnyOrder("get", "create");
        JsonNode binding = chart.one("ClusterRoleBinding", componentName("release-service"));
        assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(componentName("release-service"));
        assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(env(container(chart, "release-service"), "HELMDECK_KUBE_DEFAULT_SERVICE_ACCOUNT")
                .path("value").asText()).isEqualTo("helmdeck-tenant");
        // No other identity is bound to anything cluster-wide.
        assertThat(chart.ofKind("ClusterRoleBinding")).hasSize(1);
    }

    @Test
    void exampleTenantIdentityIsBoundInItsOwnNamespaceOnly() {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.ciValues("prod-values.yaml")), Map.of());
        for (String ns : List.of("team-a", "team-b")) {
            JsonNode sa = chart.ofKind("ServiceAccount").filter(o -> ns.equals(o.at("/metadata/namespace").asText()))
                    .findFirst().orElseThrow();
            assertThat(sa.at("/metadata/name").asText()).isEqualTo("helmdeck-tenant");
            JsonNode binding = chart.ofKind("RoleBinding")
                    .filter(o -> ns.equals(o.at("/metadata/namespace").asText())).findFirst().orElseThrow();
            assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
            assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(ns);
        }
        assertThat(chart.ofKind("Namespace").map(n -> n.at("/metadata/name").asText())).containsExactly("team-b");
        // Off by default: the operator creates tenant identities with the namespaces.
        RenderedChart minimal = RenderedChart.render(List.of(RenderedChart.testValues("minimal-values.yaml")), Map.of());
        assertThat(minimal.ofKind("Role")).isEmpty();
        assertThat(minimal.ofKind("RoleBinding")).isEmpty();
    }

    @Test
    void fluxModeWritesOnlyFluxKindsInFluxNamespace() {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.testValues("minimal-values.yaml")),
                Map.of("releaseService.deployMode", "flux", "releaseService.flux.pullSecret", "flux-pull"));
        JsonNode role = chart.one("Role", componentName("release-service") + "-flux");
        assertThat(role.at("/metadata/namespace").asText()).isEqualTo("flux-system");
        assertThat(elements(role.path("rules")).flatMap(r -> elements(r.path("resources"))).map(JsonNode::asText))
                .containsExactlyInAnyOrder("ocirepositories", "helmreleases");
        JsonNode clusterRole = chart.one("ClusterRole", componentName("release-service"));
        assertThat(elements(clusterRole.path("rules")).flatMap(r -> elements(r.path("resources"))).map(JsonNode::asText))
                .as("objects of releases acting as a tenant's ServiceAccount go beside it (ADR 0029)")
                .contains("ocirepositories", "helmreleases").doesNotContain("deployments", "secrets");
        assertThat(elements(clusterRole.path("rules"))
                .filter(r -> elements(r.path("resources")).anyMatch(n -> n.asText().equals("helmreleases")))
                .flatMap(r -> elements(r.path("verbs"))).map(JsonNode::asText))
                .as("a release whose identity changed has its old pair found and retired (ADR 0029)")
                .contains("list", "update", "delete");
        JsonNode release = container(chart, "release-service");
        assertThat(env(release, "HELMDECK_DEPLOY_MODE").path("value").asText()).isEqualTo("flux");
        assertThat(env(release, "HELMDECK_FLUX_PULL_SECRET").path("value").asText()).isEqualTo("flux-pull");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installs")
    void replicatedComponentsHaveADisruptionBudgetAndSpreadAcrossNodes(String values, RenderedChart chart) {
        MEMORY_BUDGET_MIB.keySet().forEach(component -> {
            JsonNode pdb = chart.one("PodDisruptionBudget", componentName(component));
            assertThat(pdb.at("/spec/minAvailable").asInt()).as(component).isEqualTo(1);
            assertThat(pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo(component);
            JsonNode spread = chart.one("Deployment", componentName(component))
                    .at("/spec/template/spec/topologySpreadConstraints/0");
            assertThat(spread.path("topologyKey").asText()).as(component).isEqualTo("kubernetes.io/hostname");
        });
    }

    @Test
    void aSingleReplicaGetsNoBudgetThatWouldBlockNodeDrains() {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.testValues("minimal-values.yaml")),
                Map.of("repoService.replicaCount", 1));
        assertThat(chart.has("PodDisruptionBudget", componentName("repo-service"))).isFalse();
        assertThat(chart.has("PodDisruptionBudget", componentName("release-service"))).isTrue();
    }

    @Test
    void syncWorkerAcceptsTrafficOnlyFromRepoServiceAndScrapers() {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.ciValues("prod-values.yaml")), Map.of());
        JsonNode from = chart.one("NetworkPolicy", componentName("sync-worker")).at("/spec/ingress/0/from");
        assertThat(from).hasSize(2);
        assertThat(from.get(0).at("/podSelector/matchLabels/app.kubernetes.io~1component").asText())
                .isEqualTo("repo-service");
        assertThat(from.get(1).at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("monitoring");
        // repo-service is called by the other three, by API clients (the ingress controller) and by scrapers.
        JsonNode repoFrom = chart.one("NetworkPolicy", componentName("repo-service")).at("/spec/ingress/0/from");
        assertThat(elements(repoFrom).map(p -> p.at("/podSelector/matchLabels/app.kubernetes.io~1component").asText())
                .filter(s -> !s.isEmpty())).containsExactlyInAnyOrder("sync-worker", "release-service", "portal");
        assertThat(repoFrom.toString()).contains("ingress-nginx");
    }

    @Test
    void ingressExposesTheApisAndPortalButNotInternalEndpointsOrMetrics() {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.ciValues("prod-values.yaml")), Map.of());
        JsonNode ingress = chart.one("Ingress", "hd-helmdeck");
        Map<String, List<String>> pathsByHost = elements(ingress.at("/spec/rules")).collect(Collectors.toMap(
                r -> r.path("host").asText(),
                r -> elements(r.at("/http/paths")).map(p -> p.path("path").asText()).toList()));
        assertThat(pathsByHost).containsEntry("helmdeck.example.com", List.of("/"))
                .containsEntry("repos.helmdeck.example.com", List.of("/api", "/q/openapi", "/q/swagger-ui"))
                .containsEntry("releases.helmdeck.example.com", List.of("/api", "/q/openapi", "/q/swagger-ui"));
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("helmdeck-tls");
    }

    @Test
    void theHpaOwnsSyncWorkerReplicas() {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.ciValues("prod-values.yaml")), Map.of());
        JsonNode hpa = chart.one("HorizontalPodAutoscaler", componentName("sync-worker"));
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(componentName("sync-worker"));
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(8);
        assertThat(chart.one("Deployment", componentName("sync-worker")).at("/spec").has("replicas"))
                .as("a replica count in the Deployment would fight the HPA on every upgrade").isFalse();
    }

    @Test
    void monitoringObjectsCoverEveryComponentAndTheAlertsTheIssueAsksFor() throws Exception {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.ciValues("prod-values.yaml")), Map.of());
        MEMORY_BUDGET_MIB.keySet().forEach(component -> {
            JsonNode monitor = chart.one("ServiceMonitor", componentName(component));
            assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
            assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
        });
        JsonNode rule = chart.one("PrometheusRule", "hd-helmdeck");
        Map<String, String> exprByAlert = elements(rule.at("/spec/groups"))
                .flatMap(g -> elements(g.path("rules")))
                .collect(Collectors.toMap(r -> r.path("alert").asText(), r -> r.path("expr").asText()));
        assertThat(exprByAlert).containsKeys("HelmdeckSyncsFailing", "HelmdeckReleasesFailed",
                "HelmdeckReleasesStuckProgressing", "HelmdeckSyncBacklogGrowing", "HelmdeckComponentDown");
        // Metric names exported today (SyncMetrics, ReleasePhaseMetrics, SyncLeaseService), scoped to this install.
        assertThat(exprByAlert.get("HelmdeckSyncsFailing")).contains("helmdeck_syncs_total{namespace=\"helmdeck\"");
        assertThat(exprByAlert.get("HelmdeckReleasesFailed")).contains("helmdeck_releases{namespace=\"helmdeck\"")
                .contains("phase=\"Failed\"");
        assertThat(exprByAlert.get("HelmdeckSyncLagHigh")).contains("helmdeck_lease_lag_seconds");
        JsonNode dashboard = new ObjectMapper().readTree(
                chart.one("ConfigMap", "hd-helmdeck-dashboard").at("/data/helmdeck.json").asText());
        assertThat(dashboard.path("title").asText()).isEqualTo("Helmdeck");
        assertThat(dashboard.path("panels").toString()).contains("helmdeck_syncs_total", "helmdeck_releases",
                "helmdeck_lease_lag_seconds");
        assertThat(chart.one("ConfigMap", "hd-helmdeck-dashboard").at("/metadata/labels/grafana_dashboard").asText())
                .isEqualTo("1");
    }

    @Test
    void aJwksUrlReplacesTheMountedKey() {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.ciValues("prod-values.yaml")), Map.of());
        JsonNode repo = container(chart, "repo-service");
        assertThat(env(repo, "MP_JWT_VERIFY_PUBLICKEY_LOCATION").path("value").asText())
                .isEqualTo("https://login.example.com/realms/platform/protocol/openid-connect/certs");
        assertThat(env(repo, "MP_JWT_VERIFY_ISSUER").path("value").asText())
                .isEqualTo("https://login.example.com/realms/platform");
        assertThat(repo.path("volumeMounts").toString()).doesNotContain("/etc/helmdeck/jwt");
    }

    @Test
    void thePortalCanBeLeftOut() {
        RenderedChart chart = RenderedChart.render(List.of(RenderedChart.ciValues("prod-values.yaml")),
                Map.of("portal.enabled", false));
        assertThat(chart.summary()).noneMatch(s -> s.endsWith("-portal"));
        assertThat(chart.one("NetworkPolicy", componentName("repo-service")).toString()).doesNotContain("portal");
        assertThat(chart.one("Ingress", "hd-helmdeck").toString()).doesNotContain(componentName("portal"))
                .contains(componentName("repo-service"));
    }

    @Test
    void tooOldAClusterIsRefused() {
        assertThatThrownBy(() -> RenderedChart.render("v1.24.0",
                List.of(RenderedChart.testValues("minimal-values.yaml")), Map.of()))
                .hasMessageContaining("kubeVersion");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("repoService.image.tag", "latest", "/repoService/image/tag"),
                Arguments.of("syncWorker.image.tag", "jvm", "/syncWorker/image/tag"),
                Arguments.of("releaseService.image.digest", "sha256:nothex", "/releaseService/image/digest"),
                Arguments.of("repoService.replicas", 3, "additional properties 'replicas'"),
                Arguments.of("releaseService.deployMode", "yolo", "/releaseService/deployMode"),
                Arguments.of("releaseService.rbac.extraClusterRules[0].verbs[0]", "*", "/releaseService/rbac/extraClusterRules"),
                Arguments.of("database.existingSecret", "Not_A_Name", "/database/existingSecret"),
                Arguments.of("metrics.prometheusRule.syncFailureRatio", 2, "/metrics/prometheusRule/syncFailureRatio"),
                Arguments.of("releaseService.javaOpts", "-XX:+UseG1GC", "/releaseService/javaOpts"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void theSchemaRefusesABadValue(String key, Object value, String where) {
        assertThatThrownBy(() -> RenderedChart.render(List.of(RenderedChart.testValues("minimal-values.yaml")),
                Map.of(key, value)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema")
                .hasMessageContaining(where);
    }

    static JsonNode container(RenderedChart chart, String component) {
        return chart.one("Deployment", componentName(component)).at("/spec/template/spec/containers/0");
    }

    static String secretKey(JsonNode container, String variable) {
        JsonNode e = env(container, variable);
        assertThat(e).as(variable).isNotNull();
        return e.at("/valueFrom/secretKeyRef/key").asText();
    }

    static long mebibytes(String quantity) {
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2));
        }
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        throw new AssertionError("memory limit not in Mi/Gi: " + quantity);
    }
}
