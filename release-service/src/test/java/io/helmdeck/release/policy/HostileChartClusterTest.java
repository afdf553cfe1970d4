package io.helmdeck.release.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.helmdeck.release.reconcile.SourceDouble;
import io.helmdeck.release.support.ReleaseApi;
import io.helmdeck.release.support.ChartFiles;
import io.helmdeck.release.support.SandboxClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.helmdeck.release.support.ReleaseRows;
import io.helmdeck.support.testing.Db;
import io.helmdeck.sandbox.AccessGrants;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile charts against the sandbox cluster, whose RBAC confines an impersonated service account to its own
 * namespace. Every tenant acts as its {@code helmdeck-tenant} service account (the platform default). Each hostile
 * chart is refused before anything is applied ({@code PolicyViolation}) and leaves the cluster as it was; a
 * {@code lookup} of another namespace's Secret finds nothing; and every request a release makes carries the tenant's
 * identity.
 */
@QuarkusTest
@WithTestResource(value = SourceDouble.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = SandboxClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS, initArgs = {
        @ResourceArg(name = "tick", value = "PT1H"), @ResourceArg(name = "recordRequests", value = "true"),
        @ResourceArg(name = "tenantServiceAccount", value = "true")})
class HostileChartClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String IMPERSONATE_USER = "Impersonate-User";
    private static final String OTHER_SECRET = "other-tenant-password-5b1e9c";
    private static final String OWN_SECRET = "own-password-77aa01";

    private String tenant;

    @BeforeEach
    void tenantWithItsNamespace() {
        tenant = ReleaseApi.newTenant();
        SandboxClusterResource.createNamespace(tenant);
    }

    @Test
    void aClusterRoleBindingToClusterAdminIsRefused() throws Exception {
        String crb = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: {{ .Release.Name }}-owns-the-cluster
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                subjects:
                - {kind: ServiceAccount, name: default, namespace: {{ .Release.Namespace }}}
                """;
        String message = refused("escalate", Map.of("templates/crb.yaml", crb), Map.of());
        assertThat(message).contains("ClusterRoleBinding/escalate-owns-the-cluster", "cluster-scoped kind not allowed");
        assertThat(kube().rbac().clusterRoleBindings().withName("escalate-owns-the-cluster").get()).isNull();
    }

    @Test
    void anObjectInKubeSystemIsRefused() throws Exception {
        String cm = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: coredns-override
                  namespace: kube-system
                data: {Corefile: ". { forward . 203.0.113.9 }"}
                """;
        String message = refused("sneaky", Map.of("templates/kube-system.yaml", cm), Map.of());
        assertThat(message).contains("ConfigMap kube-system/coredns-override", "namespace kube-system not allowed");
        assertThat(kube().configMaps().inNamespace("kube-system").withName("coredns-override").get()).isNull();
    }

    @Test
    void aHookInAnotherNamespaceIsRefused() throws Exception {
        String hook = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: hook-elsewhere
                  namespace: team-victim
                  annotations:
                    "helm.sh/hook": pre-install
                data: {x: "1"}
                """;
        String message = refused("hooky", Map.of("templates/hook.yaml", hook), Map.of());
        assertThat(message).contains("ConfigMap team-victim/hook-elsewhere", "namespace team-victim not allowed");
        assertThat(kube().configMaps().inNamespace("team-victim").withName("hook-elsewhere").get()).isNull();
    }

    @Test
    void aCrdWithoutPermissionIsRefused() throws Exception {
        String crd = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: gadgets.hostile.example.com
                spec:
                  group: hostile.example.com
                  names: {kind: Gadget, plural: gadgets, singular: gadget}
                  scope: Namespaced
                  versions:
                  - {name: v1, served: true, storage: true,
                     schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
                """;
        String message = refused("crdful", Map.of("crds/gadgets.yaml", crd), Map.of());
        assertThat(message).contains("CustomResourceDefinition/gadgets.hostile.example.com");
        assertThat(kube().apiextensions().v1().customResourceDefinitions().withName("gadgets.hostile.example.com")
                .get()).isNull();
    }

    @Test
    void aValuesInjectedExtraObjectIsRefused() throws Exception {
        String extra = """
                {{- range .Values.extra }}
                ---
                {{ toYaml . }}
                {{- end }}
                """;
        Map<String, Object> injected = Map.of("apiVersion", "rbac.authorization.k8s.io/v1",
                "kind", "ClusterRoleBinding", "metadata", Map.of("name", "injected-admin"),
                "roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole",
                        "name", "cluster-admin"),
                "subjects", List.of(Map.of("kind", "Group", "name", "system:authenticated",
                        "apiGroup", "rbac.authorization.k8s.io")));
        String message = refused("injectable", Map.of("templates/extra.yaml", extra),
                Map.of("extra", List.of(injected)));
        assertThat(message).contains("ClusterRoleBinding/injected-admin");
        assertThat(kube().rbac().clusterRoleBindings().withName("injected-admin").get()).isNull();
    }

    @Test
    void aLookupOfAnotherNamespacesSecretFindsNothingAndItsValueIsNowhere() throws Exception {
        String vault = "vault-" + tenant;
        kube().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(vault).endMetadata().build())
                .create();
        kube().secrets().inNamespace(vault).resource(new SecretBuilder().withNewMetadata().withName("db")
                .endMetadata().addToData("password", b64(OTHER_SECRET)).build()).create();
        kube().secrets().inNamespace(tenant).resource(new SecretBuilder().withNewMetadata().withName("own-db")
                .endMetadata().addToData("password", b64(OWN_SECRET)).build()).create();
        String reader = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-reader
                data:
                  other: {{ (lookup "v1" "Secret" .Values.otherNamespace "db").data | toJson | quote }}
                  own: {{ (lookup "v1" "Secret" .Release.Namespace "own-db").data | toJson | quote }}
                """;
        List<String> logs = new ArrayList<>();
        Handler capture = capture(logs);
        Logger.getLogger("").addHandler(capture);
        drain();
        try {
            publishAndCreate("reader", Map.of("templates/reader.yaml", reader), Map.of("otherNamespace", vault));
            await("reader", r -> "Deployed".equals(r.getString("status.phase")));
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        List<RecordedRequest> sent = drain();

        Map<String, String> data = kube().configMaps().inNamespace(tenant).withName("reader-reader").get().getData();
        assertThat(data.get("own")).as("lookup reads the tenant's own namespace").contains(b64(OWN_SECRET));
        assertThat(data.get("other")).as("another namespace's Secret is not found").isEqualTo("null");
        assertThat(sent).as("the lookup of the other namespace went out as the tenant, and RBAC refused it")
                .anySatisfy(r -> {
                    assertThat(r.getPath()).startsWith("/api/v1/namespaces/" + vault + "/secrets/db");
                    assertThat(r.getHeader(IMPERSONATE_USER)).isEqualTo(serviceAccount());
                });

        List<String> everywhere = new ArrayList<>(logs);
        everywhere.add(ReleaseApi.get(tenant, "reader").then().extract().asString());
        everywhere.add(given().get(ReleaseApi.base(tenant) + "/reader/manifest").then().statusCode(200).extract().asString());
        everywhere.add(given().get(ReleaseApi.base(tenant) + "/reader/history").then().extract().asString());
        everywhere.add(given().get(ReleaseApi.base(tenant) + "/reader/diff").then().extract().asString());
        everywhere.addAll(Db.column("select manifest from helm_release_revision where release_id = ?",
                ReleaseRows.releaseId(tenant, "reader")));
        everywhere.addAll(Db.column("select coalesce(description, '') from helm_release_revision where release_id = ?",
                ReleaseRows.releaseId(tenant, "reader")));
        assertThat(logs).as("the render was logged").isNotEmpty();
        assertThat(everywhere).noneMatch(text -> text.contains(OTHER_SECRET) || text.contains(b64(OTHER_SECRET)));
    }

    @Test
    void everyRequestOfAReleaseCarriesTheTenantsIdentity() throws Exception {
        kube().secrets().inNamespace(tenant).resource(new SecretBuilder().withNewMetadata().withName("own-db")
                .endMetadata().addToData("password", b64(OWN_SECRET)).build()).create();
        String hook = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-pre
                  annotations:
                    "helm.sh/hook": pre-install,pre-upgrade
                    "helm.sh/hook-delete-policy": before-hook-creation,hook-succeeded
                data:
                  seen: {{ (lookup "v1" "Secret" .Release.Namespace "own-db").metadata.name | default "nothing" | quote }}
                """;
        drain();
        publishAndCreate("polite", Map.of("templates/pre.yaml", hook), Map.of());
        await("polite", r -> "Deployed".equals(r.getString("status.phase")));
        // An upgrade that drops the ServiceAccount: updates, a deletion of a stale object, Helm's record superseded.
        given().contentType("application/merge-patch+json")
                .body(Map.of("values", Map.of("serviceAccount", Map.of("create", false))))
                .patch(ReleaseApi.base(tenant) + "/polite").then().statusCode(200);
        await("polite", r -> r.getInt("status.currentRevision") == 2);
        List<RecordedRequest> deploying = drain();
        assertThat(kube().serviceAccounts().inNamespace(tenant).withName("polite").get()).as("stale, deleted")
                .isNull();
        drain();
        given().delete(ReleaseApi.base(tenant) + "/polite").then().statusCode(202);
        awaitGone("polite");
        List<RecordedRequest> sent = new ArrayList<>(deploying);
        sent.addAll(drain());

        List<RecordedRequest> ours = sent.stream()
                .filter(r -> r.getPath().startsWith("/api/v1/namespaces/" + tenant + "/")
                        || r.getPath().startsWith("/apis/apps/v1/namespaces/" + tenant + "/"))
                .toList();
        assertThat(ours).as("requests in the tenant's namespace").isNotEmpty()
                .allSatisfy(r -> assertThat(r.getHeader(IMPERSONATE_USER)).as(r.getMethod() + " " + r.getPath())
                        .isEqualTo(serviceAccount()));
        TreeSet<String> kinds = new TreeSet<>();
        for (RecordedRequest r : ours) {
            String path = r.getPath();
            String base = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            boolean collection = base.endsWith("/secrets") || base.endsWith("/configmaps")
                    || base.endsWith("/deployments");
            kinds.add(r.getMethod() + (collection ? " collection" : " object"));
            if (base.endsWith("/secrets/own-db")) {
                kinds.add("lookup GET");
            }
            if (base.contains("/secrets") && base.contains("sh.helm.release.v1") || base.endsWith("/secrets")
                    && !"GET".equals(r.getMethod())) {
                kinds.add("Helm storage " + r.getMethod());
            }
        }
        assertThat(kinds).contains("GET object", "GET collection", "POST collection", "PUT object", "DELETE object",
                "lookup GET", "Helm storage POST", "Helm storage PUT", "Helm storage DELETE");
        // Everything the reconcile sent (other tenants' releases included) carries some tenant's identity; the one
        // exception is the cluster's version, read once for rendering.
        assertThat(sent).filteredOn(r -> !r.getPath().startsWith("/version"))
                .allSatisfy(r -> assertThat(r.getHeader(IMPERSONATE_USER)).as(r.getMethod() + " " + r.getPath())
                        .startsWith("system:serviceaccount:"));
    }

    /** Publishes a chart with {@code extra} files, creates a release of it, waits for PolicyViolation. */
    private String refused(String name, Map<String, String> extra, Map<String, Object> values) throws Exception {
        Snapshot before = Snapshot.of(kube(), tenant);
        publishAndCreate(name, extra, values);
        JsonPath view = await(name, r -> "PolicyViolation".equals(reason(r)));
        assertThat(view.getString("status.phase")).isEqualTo("Failed");
        assertThat(view.getList("status.inventory")).as("nothing applied").isNullOrEmpty();
        assertThat(Db.column("select status from helm_release_revision where release_id = ?",
                ReleaseRows.releaseId(tenant, name))).as("no revision recorded").isEmpty();
        assertThat(Snapshot.of(kube(), tenant)).as("the cluster is unchanged").isEqualTo(before);
        return view.getList("status.conditions.findAll { it.type == 'Ready' }.message", String.class).get(0);
    }

    private void publishAndCreate(String name, Map<String, String> extra, Map<String, Object> values) {
        SourceDouble.publish(tenant, name, "0.1.0", ChartFiles.scaffold(name, "0.1.0", "1.0.0", extra));
        // The sandbox's controllers are stopped here (every recorded request is release-service's), so nothing
        // would become ready: these releases are about policy and identity, not readiness, and do not wait.
        ReleaseApi.json().body(Map.of("name", name, "sourceType", "OCIRepository", "sourceName", name, "interval", "10m",
                "values", values, "install", Map.of("disableWait", true), "upgrade", Map.of("disableWait", true)))
                .post(ReleaseApi.base(tenant)).then().statusCode(201);
    }

    private static String reason(JsonPath view) {
        List<String> reasons = view.getList("status.conditions.findAll { it.type == 'Ready' }.reason", String.class);
        return reasons == null || reasons.isEmpty() ? null : reasons.get(0);
    }

    private String serviceAccount() {
        return AccessGrants.serviceAccount(tenant, SandboxClusterResource.SERVICE_ACCOUNT);
    }

    private static KubernetesClient kube() {
        return SandboxClusterResource.cluster().client();
    }

    /** Every request the sandbox recorded since the last call. */
    private static List<RecordedRequest> drain() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        RecordedRequest next;
        while ((next = SandboxClusterResource.cluster().server().takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            all.add(next);
        }
        return all;
    }

    private static Handler capture(List<String> into) {
        SimpleFormatter format = new SimpleFormatter();
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (into) {
                    into.add(format.format(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    private JsonPath await(String name, Predicate<JsonPath> done) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < end) {
            last = ReleaseApi.get(tenant, name).then().statusCode(200).extract().jsonPath();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("release " + name + " not there within " + WAIT + "; last: "
                + (last == null ? "nothing" : last.prettify()));
    }

    private void awaitGone(String name) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (ReleaseApi.get(tenant, name).statusCode() == 404) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("release " + name + " not gone within " + WAIT);
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** What a hostile chart could have touched: the tenant's namespace, kube-system, and cluster-wide RBAC and CRDs. */
    private record Snapshot(List<String> objects) {
        static Snapshot of(KubernetesClient kube, String tenant) {
            List<String> all = new ArrayList<>();
            for (String ns : List.of(tenant, "kube-system", "team-victim")) {
                kube.configMaps().inNamespace(ns).list().getItems().forEach(o -> all.add(id(o)));
                kube.secrets().inNamespace(ns).list().getItems().forEach(o -> all.add(id(o)));
                kube.serviceAccounts().inNamespace(ns).list().getItems().forEach(o -> all.add(id(o)));
                kube.services().inNamespace(ns).list().getItems().forEach(o -> all.add(id(o)));
                kube.apps().deployments().inNamespace(ns).list().getItems().forEach(o -> all.add(id(o)));
            }
            kube.rbac().clusterRoleBindings().list().getItems().forEach(o -> all.add(id(o)));
            kube.apiextensions().v1().customResourceDefinitions().list().getItems().forEach(o -> all.add(id(o)));
            all.sort(String::compareTo);
            return new Snapshot(all);
        }

        private static String id(HasMetadata o) {
            return o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName() + "@"
                    + o.getMetadata().getResourceVersion();
        }
    }
}
