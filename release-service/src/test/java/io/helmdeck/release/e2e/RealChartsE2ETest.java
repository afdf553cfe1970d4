package io.helmdeck.release.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.ReleaseHistory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmdeck.release.support.SandboxClusterResource;
import io.helmdeck.sandbox.AccessGrants;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Charts nobody wrote for these tests, deployed end to end: pushed to the real Distribution registry, synced by the
 * real sync-worker into the real repo-service, deployed by this release-service into the sandbox cluster (controllers
 * running, so workloads become ready), every tenant acting as its confined service account. Observed through
 * Helmdeck's API, the cluster's objects and Helm's own code.
 *
 * <p>Runs in a JVM of its own (surefire execution {@code real-charts}): bitnami's chart depends on {@code lookup},
 * which a Quarkus app started earlier in a shared test JVM can leave pointed at a dead cluster (see
 * {@code hostile-charts} in the pom).
 */
@QuarkusTest
@WithTestResource(value = Platform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = SandboxClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "tenantServiceAccount", value = "true"))
class RealChartsE2ETest {

    /** Generous: a release is Deployed once applied today, and once its workloads are ready when waiting lands. */
    static final Duration WAIT = Duration.ofSeconds(180);
    static final Path BITNAMI_REDIS = Path.of("src", "test", "resources", "charts", "bitnami-redis", "redis-23.1.1.tgz");
    static final Path HELMDECK_CHART = Path.of("..", "deploy", "helm", "helmdeck");

    /**
     * Issue 10 item 8: bitnami's Redis chart (its {@code common} library subchart vendored) through install, upgrade
     * and rollback. The chart generates its password once and keeps it through {@code lookup} of its own Secret:
     * without a working {@code lookup} (as the tenant, in the configured cluster) the chart's upgrade does not render
     * at all ("PASSWORDS ERROR: You must provide your current passwords when upgrading the release"; seen with the
     * lookup proxy mutated to find no Secret), and a chart without that guard would render a new random password.
     */
    @Test
    void bitnamiRedisKeepsItsGeneratedPasswordThroughUpgradeAndRollback() throws Exception {
        String tenant = "data";
        String ns = tenant; // the tenant's own namespace: the default cluster policy allows it, nothing else
        KubernetesClient kube = SandboxClusterResource.cluster().client();
        E2ECharts.push(BITNAMI_REDIS.toAbsolutePath(), registry(), "bitnamicharts");
        createRepository(tenant, "redis", "bitnamicharts/redis", "23.1.1");

        // 1. Install: one replica beside the master (the chart's default is three).
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "cache", "sourceType", "OCIRepository", "sourceName", "redis",
                        "targetNamespace", ns, "install", Map.of("createNamespace", true),
                        "values", Map.of("replica", Map.of("replicaCount", 1))))
                .post(releases(tenant)).then().statusCode(201);
        JsonPath view = awaitRelease(tenant, "cache", "installed", r -> deployedAt(r, 1));
        assertThat(view.getString("status.lastAppliedRevision")).startsWith("23.1.1@sha256:");
        assertThat(view.getList("status.inventory.kind"))
                .contains("StatefulSet", "Service", "Secret", "ConfigMap", "ServiceAccount", "NetworkPolicy",
                        "PodDisruptionBudget");
        StatefulSet master = kube.apps().statefulSets().inNamespace(ns).withName("cache-redis-master").get();
        assertThat(master.getSpec().getReplicas()).isEqualTo(1);
        assertThat(master.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "Helm")
                .containsEntry("helm.sh/chart", "redis-23.1.1");
        assertThat(replicas(kube, ns)).isEqualTo(1);
        assertThat(kube.services().inNamespace(ns).withName("cache-redis-master").get()).isNotNull();
        assertThat(kube.services().inNamespace(ns).withName("cache-redis-headless").get()).isNotNull();
        String password = password(kube, ns);
        assertThat(password).as("the chart generates a 10-character password").hasSize(10);
        assertThat(history(tenant, "cache")).containsExactly("1 install deployed");

        // 2. Upgrade (a values change): two replicas, and the same password, read back by the chart's lookup.
        given().contentType("application/merge-patch+json")
                .body(Map.of("values", Map.of("replica", Map.of("replicaCount", 2))))
                .patch(releases(tenant) + "/cache").then().statusCode(200);
        awaitRelease(tenant, "cache", "upgraded", r -> deployedAt(r, 2));
        awaitCluster("two replicas", () -> replicas(kube, ns) == 2);
        assertThat(password(kube, ns)).as("the generated password survives the upgrade").isEqualTo(password);
        assertThat(history(tenant, "cache")).containsExactly("2 upgrade deployed", "1 install superseded");

        // 3. Rollback to revision 1: one replica again, still the same password.
        given().contentType(ContentType.JSON).body(Map.of("revision", 1))
                .post(releases(tenant) + "/cache/rollback").then().statusCode(202);
        awaitRelease(tenant, "cache", "rolled back", r -> deployedAt(r, 3));
        awaitCluster("one replica", () -> replicas(kube, ns) == 1);
        assertThat(password(kube, ns)).isEqualTo(password);
        // Helmdeck's history says which revision was rolled back from (ADR 0012); Helm's storage calls it superseded.
        assertThat(history(tenant, "cache"))
                .containsExactly("3 rollback deployed", "2 upgrade rolled-back", "1 install superseded");

        // Helm's own code reads the history from the cluster.
        List<ReleaseHistory> helmHistory = Helm.history("cache").withKubeConfig(kubeconfig())
                .withNamespace(ns).call();
        assertThat(helmHistory).extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus,
                        ReleaseHistory::getChart)
                .containsExactlyInAnyOrder(
                        tuple(1, "superseded", "redis-23.1.1"),
                        tuple(2, "superseded", "redis-23.1.1"),
                        tuple(3, "deployed", "redis-23.1.1"));
    }

    /**
     * Issue 13 item 2, "Helmdeck deploys Helmdeck": the product's own chart ({@code deploy/helm/helmdeck}, packaged
     * here by Helm) deployed by Helmdeck with given values; every object is there with those values. That the chart
     * renders with Helm's engine for its default and production values is deploy/helm/chart-test's job
     * ({@code HelmdeckChartTest}), not repeated here.
     *
     * <p>The chart brings release-service's ClusterRole and ClusterRoleBinding, which the default cluster policy
     * refuses to a tenant (ADR 0019). Installing Helmdeck is a platform team's job, so the test does what the
     * administrator of such a tenant does: a cluster policy that allows those two kinds in the tenant's namespace,
     * and, in the cluster, RBAC that lets the tenant's service account manage them (a sandbox grant standing for a
     * ClusterRole bound to that account). The chart is deployed whole, as an operator would install it.
     */
    @Test
    void helmdeckDeploysHelmdecksOwnChartWithTheGivenValues() throws Exception {
        String tenant = "platform";
        String ns = tenant;
        KubernetesClient kube = SandboxClusterResource.cluster().client();
        Path dir = Files.createDirectories(Path.of("target", "test-work", "helmdeck-chart-" + UUID.randomUUID())
                .toAbsolutePath());
        new Helm(HELMDECK_CHART.toAbsolutePath().normalize()).packageIt().withDestination(dir).call();
        String version = chartVersion();
        E2ECharts.push(dir.resolve("helmdeck-" + version + ".tgz"), registry(), "helmdeck");
        createRepository(tenant, "helmdeck", "helmdeck/helmdeck", version);

        given().contentType(ContentType.JSON)
                .body(Map.of("namespaces", List.of(ns), "clusterScopedKinds", List.of("ClusterRole", "ClusterRoleBinding")))
                .put("/api/v1/tenants/" + tenant + "/cluster-policy").then().statusCode(200);
        SandboxClusterResource.cluster().access()
                .allowClusterResource(AccessGrants.serviceAccount(ns, SandboxClusterResource.SERVICE_ACCOUNT),
                        "rbac.authorization.k8s.io", "clusterroles")
                .allowClusterResource(AccessGrants.serviceAccount(ns, SandboxClusterResource.SERVICE_ACCOUNT),
                        "rbac.authorization.k8s.io", "clusterrolebindings");

        Map<String, Object> values = Map.of(
                "image", Map.of("registry", "registry.example.com"),
                "database", Map.of("existingSecret", "platform-db"),
                "crypto", Map.of("existingSecret", "platform-crypto"),
                "serviceTokens", Map.of("existingSecret", "platform-tokens"),
                "jwt", Map.of("publicKey", Map.of("existingSecret", "platform-jwt")),
                "tenants", Map.of("defaultServiceAccount", "team-deployer"),
                "repoService", Map.of("replicaCount", 3, "image", Map.of("tag", "0.1.0-e2e")),
                "syncWorker", Map.of("replicaCount", 1),
                "releaseService", Map.of("replicaCount", 2),
                "portal", Map.of("replicaCount", 2));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "helmdeck", "sourceType", "OCIRepository", "sourceName", "helmdeck",
                        "targetNamespace", ns, "install", Map.of("createNamespace", true), "values", values))
                .post(releases(tenant)).then().statusCode(201);
        JsonPath view = awaitRelease(tenant, "helmdeck", "installed", r -> deployedAt(r, 1));
        assertThat(view.getString("status.lastAppliedRevision")).startsWith(version + "@sha256:");
        assertThat(history(tenant, "helmdeck")).containsExactly("1 install deployed");

        // Every component: Deployment with the given replicas and image, Service, ServiceAccount, NetworkPolicy.
        Map<String, Integer> replicas = Map.of("repo-service", 3, "sync-worker", 1, "release-service", 2, "portal", 2);
        for (Map.Entry<String, Integer> component : replicas.entrySet()) {
            String name = "helmdeck-" + component.getKey();
            Deployment deployment = kube.apps().deployments().inNamespace(ns).withName(name).get();
            assertThat(deployment).as(name).isNotNull();
            assertThat(deployment.getSpec().getReplicas()).as(name + " replicas").isEqualTo(component.getValue());
            String tag = "repo-service".equals(component.getKey()) ? "0.1.0-e2e" : appVersion();
            assertThat(container(deployment).getImage()).as(name + " image")
                    .isEqualTo("registry.example.com/helmdeck/" + component.getKey() + ":" + tag);
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(name);
            assertThat(kube.services().inNamespace(ns).withName(name).get()).as(name + " Service").isNotNull();
            assertThat(kube.serviceAccounts().inNamespace(ns).withName(name).get()).as(name + " ServiceAccount")
                    .isNotNull();
            assertThat(kube.network().networkPolicies().inNamespace(ns).withName(name).get())
                    .as(name + " NetworkPolicy").isNotNull();
            assertThat(kube.policy().v1().podDisruptionBudget().inNamespace(ns).withName(name).get())
                    .as(name + " PodDisruptionBudget only when replicated").matches(
                            pdb -> (pdb != null) == (component.getValue() > 1));
        }
        awaitCluster("every Deployment available", () -> replicas.entrySet().stream().allMatch(c -> {
            Deployment d = kube.apps().deployments().inNamespace(ns).withName("helmdeck-" + c.getKey()).get();
            Integer available = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
            return c.getValue().equals(available);
        }));

        // The Secrets are referenced by the names given, never created by the chart.
        Deployment repo = kube.apps().deployments().inNamespace(ns).withName("helmdeck-repo-service").get();
        assertThat(secretRefs(container(repo))).contains("platform-db", "platform-crypto", "platform-tokens");
        Deployment release = kube.apps().deployments().inNamespace(ns).withName("helmdeck-release-service").get();
        assertThat(secretRefs(container(release))).contains("platform-db", "platform-tokens");
        assertThat(container(release).getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(tuple("HELMDECK_KUBE_DEFAULT_SERVICE_ACCOUNT", "team-deployer"));
        assertThat(release.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getSecret()).isNotNull()
                        .satisfies(s -> assertThat(s.getSecretName()).isEqualTo("platform-jwt")));
        assertThat(kube.secrets().inNamespace(ns).list().getItems()).extracting(s -> s.getMetadata().getName())
                .allMatch(name -> name.startsWith("sh.helm.release.v1.helmdeck."), "only Helm's release record");

        // release-service's cluster-wide identity, bound to its ServiceAccount in this namespace.
        assertThat(kube.rbac().clusterRoles().withName("helmdeck-release-service").get()).isNotNull();
        ClusterRoleBinding binding = kube.rbac().clusterRoleBindings().withName("helmdeck-release-service").get();
        assertThat(binding.getRoleRef().getName()).isEqualTo("helmdeck-release-service");
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getNamespace() + "/" + s.getName())
                        .isEqualTo(ns + "/helmdeck-release-service"));
        assertThat(view.getList("status.inventory.kind")).containsOnly("Deployment", "Service", "ServiceAccount",
                "NetworkPolicy", "PodDisruptionBudget", "ClusterRole", "ClusterRoleBinding");
        assertThat(view.getList("status.inventory", Map.class)).hasSize(
                4 /* Deployments */ + 4 /* Services */ + 4 /* ServiceAccounts */ + 4 /* NetworkPolicies */
                        + 3 /* PDBs */ + 2 /* ClusterRole, ClusterRoleBinding */);
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static List<String> secretRefs(Container container) {
        return container.getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getName()).distinct().toList();
    }

    private static int replicas(KubernetesClient kube, String ns) {
        return kube.apps().statefulSets().inNamespace(ns).withName("cache-redis-replicas").get().getSpec()
                .getReplicas();
    }

    private static String password(KubernetesClient kube, String ns) {
        Secret secret = kube.secrets().inNamespace(ns).withName("cache-redis").get();
        assertThat(secret).as("the chart's Secret").isNotNull();
        return new String(Base64.getDecoder().decode(secret.getData().get("redis-password")), StandardCharsets.UTF_8);
    }

    private static boolean deployedAt(JsonPath release, int revision) {
        return "Deployed".equals(release.getString("status.phase"))
                && release.getInt("status.currentRevision") == revision;
    }

    private static void createRepository(String tenant, String name, String path, String tag) {
        given().baseUri(config(Platform.REPO_SERVICE_KEY)).contentType(ContentType.JSON)
                .body(Map.of("name", name, "url", "oci://" + registry() + "/" + path,
                        "ref", Map.of("tag", tag), "interval", "00:10", "insecure", true))
                .post("/api/v1/tenants/" + tenant + "/oci-repositories").then().statusCode(201);
    }

    private static String releases(String tenant) {
        return "/api/v1/tenants/" + tenant + "/helm-releases";
    }

    private static List<String> history(String tenant, String name) {
        JsonPath h = given().get(releases(tenant) + "/" + name + "/history").then().statusCode(200).extract()
                .jsonPath();
        List<Integer> revisions = h.getList("items.revision");
        List<String> actions = h.getList("items.action");
        List<String> statuses = h.getList("items.status");
        return IntStream.range(0, revisions.size())
                .mapToObj(i -> revisions.get(i) + " " + actions.get(i) + " " + statuses.get(i)).toList();
    }

    private static JsonPath awaitRelease(String tenant, String name, String what, Predicate<JsonPath> done)
            throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < end) {
            last = given().get(releases(tenant) + "/" + name).then().statusCode(200).extract().jsonPath();
            try {
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException notYet) {
                // a field not there yet
            }
            if ("Failed".equals(last.getString("status.phase"))) {
                break;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not " + what + " within " + WAIT + "; last: "
                + (last == null ? "nothing" : last.prettify()));
    }

    private static void awaitCluster(String what, Supplier<Boolean> done) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (done.get()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("cluster not at " + what + " within " + WAIT);
    }

    private static String chartVersion() throws Exception {
        return chartYaml("version");
    }

    private static String appVersion() throws Exception {
        return chartYaml("appVersion");
    }

    private static String chartYaml(String key) throws Exception {
        return Files.readAllLines(HELMDECK_CHART.resolve("Chart.yaml")).stream()
                .filter(line -> line.startsWith(key + ":")).findFirst().orElseThrow()
                .substring(key.length() + 1).trim().replace("\"", "");
    }

    private static Path kubeconfig() {
        return Path.of(config("helmdeck.kube.kubeconfig"));
    }

    private static String registry() {
        return config(Platform.REGISTRY_KEY);
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
