package io.helmdeck.release.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders real charts (Helm's scaffold plus additions, packaged by Helm) through helm-java. */
class ChartRendererTest {

    @TempDir
    Path tmp;
    Path work;
    ChartRenderer renderer;

    @BeforeEach
    void setUp() {
        work = tmp.resolve("work");
        renderer = new ChartRenderer(TestRenderConfig.defaults(work));
    }

    private RenderRequest request(byte[] chart, Map<String, Object> values) {
        return new RenderRequest(chart, "shop", "team-a", values, "v1.31.0", 1, false);
    }

    private static ManifestObject only(List<ManifestObject> objects, String kind) {
        List<ManifestObject> found = objects.stream().filter(o -> kind.equals(o.kind())).toList();
        assertThat(found).as("objects of kind %s", kind).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void scaffoldRendersWithReleaseNameNamespaceAndValuesInInstallOrder() throws Exception {
        Path chart = TestCharts.scaffold(tmp, "web");
        TestCharts.write(chart, "templates/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ include "web.fullname" . }}
                  namespace: {{ .Release.Namespace }}
                data:
                  greeting: {{ .Values.greeting | quote }}
                """);
        TestCharts.append(chart, "values.yaml", "\ngreeting: hello\n");

        long start = System.nanoTime();
        RenderedRelease release = renderer.render(request(TestCharts.packageBytes(chart, tmp.resolve("dist")),
                Map.of("replicaCount", 3, "greeting", "bonjour")));
        System.out.printf("one render of the scaffold chart took %d ms (first, JNA load included)%n",
                (System.nanoTime() - start) / 1_000_000);

        assertThat(release.chart().name()).isEqualTo("web");
        assertThat(release.chart().version()).isEqualTo("0.1.0");
        assertThat(release.chartValues()).containsEntry("replicaCount", 1).containsEntry("greeting", "hello");
        // Helm's install order: ServiceAccount, ConfigMap before Service before Deployment, whatever the file names.
        assertThat(release.resources()).extracting(ManifestObject::kind)
                .containsExactly("ServiceAccount", "ConfigMap", "Service", "Deployment");
        ManifestObject deployment = only(release.resources(), "Deployment");
        assertThat(deployment.name()).isEqualTo("shop-web");
        assertThat(deployment.source()).isEqualTo("web/templates/deployment.yaml");
        assertThat(map(deployment.body().get("spec"))).containsEntry("replicas", 3);
        ManifestObject configMap = only(release.resources(), "ConfigMap");
        assertThat(configMap.namespace()).isEqualTo("team-a");
        assertThat(map(configMap.body().get("data"))).containsEntry("greeting", "bonjour");
        assertThat(only(release.resources(), "Service").name()).isEqualTo("shop-web");

        assertThat(release.manifest())
                .startsWith("---\n# Source: web/templates/serviceaccount.yaml\n")
                .contains("# Source: web/templates/deployment.yaml\n" + deployment.yaml() + "\n")
                .doesNotContain("test-connection", "helm.sh/hook", "Helmdeck", "hdeck.x");
        assertThat(release.crds()).isEmpty();
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void scaffoldTestHookComesBackAsTestHook() throws Exception {
        Path chart = TestCharts.scaffold(tmp, "web");
        RenderedRelease release = renderer.render(request(TestCharts.packageBytes(chart, tmp.resolve("dist")),
                Map.of()));

        assertThat(release.hooks()).hasSize(1);
        Hook test = release.hooks().get(0);
        assertThat(test.events()).containsExactly(HookEvent.TEST);
        assertThat(test.weight()).isZero();
        assertThat(test.deletePolicies()).containsExactly(Hook.BEFORE_HOOK_CREATION);
        assertThat(test.object().kind()).isEqualTo("Pod");
        assertThat(test.object().name()).isEqualTo("shop-web-test-connection");
        assertThat(map(map(test.object().body().get("metadata")).get("annotations")))
                .containsEntry("helm.sh/hook", "test");
        assertThat(test.object().yaml()).contains("\"helm.sh/hook\": test").doesNotContain("hdeck.x");
        assertThat(release.resources()).extracting(ManifestObject::name).doesNotContain("shop-web-test-connection");
    }

    @Test
    void hooksOfSeveralEventsAndWeightsAreSplitFromResources() throws Exception {
        Path chart = TestCharts.scaffold(tmp, "web");
        TestCharts.write(chart, "templates/hooks.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: {{ .Release.Name }}-migrate
                  annotations:
                    "helm.sh/hook": pre-install, Pre-Upgrade
                    "helm.sh/hook-weight": "-5"
                    "helm.sh/hook-delete-policy": hook-succeeded,before-hook-creation
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: migrate
                          image: busybox
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-after
                  annotations:
                    helm.sh/hook: post-install
                    helm.sh/hook-weight: "not-a-number"
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-unknown
                  annotations:
                    helm.sh/hook: pre-install,sometime
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-from-values
                  annotations:
                    {{- toYaml .Values.extraAnnotations | nindent 4 }}
                """);
        TestCharts.append(chart, "values.yaml", "\nextraAnnotations: {}\n");

        RenderedRelease release = renderer.render(request(TestCharts.packageBytes(chart, tmp.resolve("dist")),
                Map.of("extraAnnotations", Map.of("helm.sh/hook", "post-upgrade", "helm.sh/hook-weight", "7"))));

        Map<String, Hook> hooks = new HashMap<>();
        release.hooks().forEach(h -> hooks.put(h.object().name(), h));
        assertThat(hooks).containsOnlyKeys("shop-migrate", "shop-after", "shop-from-values", "shop-web-test-connection");
        Hook migrate = hooks.get("shop-migrate");
        assertThat(migrate.events()).containsExactlyInAnyOrder(HookEvent.PRE_INSTALL, HookEvent.PRE_UPGRADE);
        assertThat(migrate.weight()).isEqualTo(-5);
        assertThat(migrate.deletePolicies()).containsExactly(Hook.HOOK_SUCCEEDED, Hook.BEFORE_HOOK_CREATION);
        Hook after = hooks.get("shop-after");
        assertThat(after.events()).containsExactly(HookEvent.POST_INSTALL);
        assertThat(after.weight()).isZero();
        assertThat(after.deletePolicies()).containsExactly(Hook.BEFORE_HOOK_CREATION);
        Hook fromValues = hooks.get("shop-from-values");
        assertThat(fromValues.events()).containsExactly(HookEvent.POST_UPGRADE);
        assertThat(fromValues.weight()).isEqualTo(7);

        // Hooks are not resources; an unknown event makes the object neither, as in Helm.
        assertThat(release.resources()).extracting(ManifestObject::name)
                .doesNotContain("shop-migrate", "shop-after", "shop-unknown", "shop-from-values");
        assertThat(release.manifest()).doesNotContain("shop-migrate", "shop-after", "shop-unknown", "helm.sh/hook");
    }

    @Test
    void revisionAndUpgradeReachTheTemplates() throws Exception {
        Path chart = TestCharts.scaffold(tmp, "web");
        TestCharts.write(chart, "templates/_facts.tpl", """
                {{- define "web.facts" -}}
                revision: {{ .ctx.Release.Revision | quote }}
                upgrade: {{ $.ctx.Release.IsUpgrade | quote }}
                {{- end -}}
                """);
        TestCharts.write(chart, "templates/facts.yaml", """
                # .Release.Revision in literal text stays as it is
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-rev-{{ $.Release.Revision }}
                data:
                  install: {{ .Release.IsInstall | quote }}
                  {{- include "web.facts" (dict "ctx" .) | nindent 2 }}
                """);
        byte[] archive = TestCharts.packageBytes(chart, tmp.resolve("dist"));

        RenderedRelease install = renderer.render(request(archive, Map.of()));
        RenderedRelease upgrade = renderer.render(new RenderRequest(archive, "shop", "team-a", Map.of(), "v1.31.0", 4,
                true));

        ManifestObject installed = only(install.resources(), "ConfigMap");
        assertThat(installed.name()).isEqualTo("shop-rev-1");
        assertThat(map(installed.body().get("data")))
                .containsEntry("install", "true").containsEntry("upgrade", "false").containsEntry("revision", "1");
        ManifestObject upgraded = only(upgrade.resources(), "ConfigMap");
        assertThat(upgraded.name()).isEqualTo("shop-rev-4");
        assertThat(map(upgraded.body().get("data")))
                .containsEntry("install", "false").containsEntry("upgrade", "true").containsEntry("revision", "4");
        assertThat(upgraded.yaml()).contains("# .Release.Revision in literal text stays as it is");
    }

    @Test
    void crdsOfChartAndPackagedSubchartAreReturnedUntemplated() throws Exception {
        Path db = TestCharts.scaffold(tmp.resolve("src"), "db");
        TestCharts.write(db, "crds/databases.yaml", crd("databases.db.example.com", "Database"));
        Path web = TestCharts.scaffold(tmp, "web");
        TestCharts.write(web, "crds/widgets.yaml", crd("widgets.web.example.com", "Widget")
                + "---\n# only a comment\n---\n" + crd("gadgets.web.example.com", "Gadget"));
        TestCharts.append(web, "Chart.yaml", """

                dependencies:
                  - name: db
                    version: 0.1.0
                    condition: db.enabled
                """);
        TestCharts.append(web, "values.yaml", "\ndb:\n  enabled: true\n");
        TestCharts.packageChart(db, web.resolve("charts"));
        byte[] archive = TestCharts.packageBytes(web, tmp.resolve("dist"));

        RenderedRelease release = renderer.render(request(archive, Map.of()));

        assertThat(release.crds()).extracting(ManifestObject::name)
                .containsExactly("widgets.web.example.com", "gadgets.web.example.com", "databases.db.example.com");
        assertThat(release.crds()).extracting(ManifestObject::source)
                .containsExactly("web/crds/widgets.yaml", "web/crds/widgets.yaml", "web/charts/db/crds/databases.yaml");
        assertThat(release.crds().get(0).yaml()).contains("{{ .Values.notTemplated }}");
        assertThat(release.crds()).allSatisfy(c -> assertThat(c.kind()).isEqualTo("CustomResourceDefinition"));
        // The subchart archive was unpacked and rendered: its Deployment is there, its CRDs are not in resources.
        assertThat(release.resources()).extracting(ManifestObject::name).contains("shop-db", "shop-web")
                .doesNotContain("databases.db.example.com");
        assertThat(release.manifest()).doesNotContain("CustomResourceDefinition");

        RenderedRelease withoutDb = renderer.render(request(archive, Map.of("db", Map.of("enabled", false))));
        assertThat(withoutDb.crds()).extracting(ManifestObject::name)
                .containsExactly("widgets.web.example.com", "gadgets.web.example.com");
        assertThat(withoutDb.resources()).extracting(ManifestObject::name).doesNotContain("shop-db");
    }

    private static String crd(String name, String kind) {
        String plural = name.substring(0, name.indexOf('.'));
        return """
                # {{ .Values.notTemplated }}
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: %s
                spec:
                  group: %s
                  names:
                    kind: %s
                    plural: %s
                  scope: Namespaced
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                """.formatted(name, name.substring(name.indexOf('.') + 1), kind, plural);
    }

    @Test
    void notesAreRenderedWithTheValues() throws Exception {
        Path chart = TestCharts.scaffold(tmp, "web");
        byte[] archive = TestCharts.packageBytes(chart, tmp.resolve("dist"));

        RenderedRelease clusterIp = renderer.render(request(archive, Map.of()));
        RenderedRelease nodePort = renderer.render(request(archive, Map.of("service", Map.of("type", "NodePort"))));

        assertThat(clusterIp.notes()).startsWith("1. Get the application URL by running these commands:")
                .contains("kubectl --namespace team-a port-forward").doesNotContain("NODE_PORT");
        assertThat(nodePort.notes()).contains("export NODE_PORT=$(kubectl get --namespace team-a")
                .contains("services shop-web");
        assertThat(nodePort.resources()).extracting(ManifestObject::kind).doesNotContain(WorkingCopy.CARRIER_KIND);
    }

    @Test
    void commentOnlyDocumentsStayInTheManifestButAreNoObjects() throws Exception {
        Path chart = TestCharts.scaffold(tmp, "web");
        TestCharts.write(chart, "templates/disabled.yaml", """
                {{- if .Values.extra }}
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: extra
                {{- end }}
                # extra is off
                """);
        TestCharts.append(chart, "values.yaml", "\nextra: false\n");
        RenderedRelease release = renderer.render(request(TestCharts.packageBytes(chart, tmp.resolve("dist")),
                Map.of()));
        assertThat(release.manifest()).contains("# Source: web/templates/disabled.yaml\n# extra is off\n");
        assertThat(release.resources()).extracting(ManifestObject::source)
                .doesNotContain("web/templates/disabled.yaml");
    }

    @Test
    void chartWithoutNotesHasEmptyNotes() throws Exception {
        Path chart = TestCharts.scaffold(tmp, "web");
        Files.delete(chart.resolve("templates/NOTES.txt"));
        RenderedRelease release = renderer.render(request(TestCharts.packageBytes(chart, tmp.resolve("dist")),
                Map.of()));
        assertThat(release.notes()).isEmpty();
    }

    @Test
    void kubeVersionConstraintIsCheckedAgainstTheGivenVersion() throws Exception {
        Path chart = TestCharts.scaffold(tmp, "web");
        TestCharts.append(chart, "Chart.yaml", "\nkubeVersion: \">=1.23.0-0\"\n");
        byte[] archive = TestCharts.packageBytes(chart, tmp.resolve("dist"));

        RenderedRelease release = renderer.render(request(archive, Map.of()));
        assertThat(release.chart().kubeVersion()).isEqualTo(">=1.23.0-0");
        assertThat(release.resources()).isNotEmpty();

        assertThatThrownBy(() -> renderer.render(new RenderRequest(archive, "shop", "team-a", Map.of(), "v1.20.0", 1,
                false)))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("web 0.1.0")
                .hasMessageContaining(">=1.23.0-0")
                .hasMessageContaining("v1.20.0");
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void templateErrorsAreRenderExceptionsWithHelmsMessage() throws Exception {
        Path chart = TestCharts.scaffold(tmp, "web");
        TestCharts.write(chart, "templates/required.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ required "database.host is required" .Values.database.host }}
                """);
        TestCharts.append(chart, "values.yaml", "\ndatabase: {}\n");
        byte[] archive = TestCharts.packageBytes(chart, tmp.resolve("dist"));

        assertThatThrownBy(() -> renderer.render(request(archive, Map.of())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("database.host is required")
                .hasMessageNotContaining("--debug");
        assertThat(renderer.render(request(archive, Map.of("database", Map.of("host", "db")))).resources())
                .extracting(ManifestObject::name).contains("db");
    }

    @Test
    void concurrentRendersGiveTheSameResultsAsSequentialOnes() throws Exception {
        Path chart = TestCharts.scaffold(tmp, "web");
        byte[] archive = TestCharts.packageBytes(chart, tmp.resolve("dist"));
        ChartRenderer parallel = new ChartRenderer(TestRenderConfig.defaults(work).withMaxConcurrent(4));
        List<String> expected = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            expected.add(parallel.render(new RenderRequest(archive, "rel-" + i, "ns-" + i, Map.of(), "v1.31.0", 1,
                    false)).manifest());
        }
        System.out.printf("8 sequential renders of the scaffold chart: %d ms%n", (System.nanoTime() - start) / 1_000_000);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            start = System.nanoTime();
            List<Future<RenderedRelease>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RenderRequest r = new RenderRequest(archive, "rel-" + i, "ns-" + i, Map.of(), "v1.31.0", 1, false);
                futures.add(pool.submit(() -> parallel.render(r)));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(futures.get(i).get().manifest()).isEqualTo(expected.get(i)).contains("rel-" + i + "-web");
            }
            System.out.printf("8 concurrent renders (4 at a time): %d ms%n", (System.nanoTime() - start) / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void valuesWithSecretsNeverOutliveTheRender() throws Exception {
        Path chart = TestCharts.scaffold(tmp, "web");
        byte[] archive = TestCharts.packageBytes(chart, tmp.resolve("dist"));
        renderer.render(request(archive, Map.of("password", "s3cr3t")));
        try (var left = Files.walk(work)) {
            assertThat(left.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void unsupportedCallsAreRefusedBeforeRendering() {
        assertThatThrownBy(() -> renderer.render(new RenderRequest(new byte[0], "shop", "team-a", Map.of(), null, 1,
                false))).isInstanceOf(RenderException.class).hasMessageContaining("no chart archive");
    }
}
