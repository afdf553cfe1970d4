package io.helmdeck.release.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;

import io.helmdeck.model.Violation;
import io.helmdeck.release.render.Hook;
import io.helmdeck.release.render.HookEvent;
import io.helmdeck.release.render.ManifestObject;
import io.helmdeck.release.render.RenderedRelease;

/** The pure policy check over rendered objects: what offends, with which message; built-in scopes from fabric8. */
class ClusterPolicyCheckTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ClusterPolicyCheck.KindScope SCOPES = new BuiltInKindScope();
    private static final EffectivePolicy TEAM_A = new EffectivePolicy(List.of("team-a", "team-a-*"),
            List.of("CustomResourceDefinition"), null, false, 3);
    private static final EffectivePolicy DEFAULT = new EffectivePolicy(List.of("team-a"), List.of(), null, true, 0);

    static ManifestObject object(String yaml) {
        try {
            Map<String, Object> body = YAML.readValue(yaml, new TypeReference<>() {
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) body.getOrDefault("metadata", Map.of());
            return new ManifestObject("chart/templates/x.yaml", (String) body.get("apiVersion"),
                    (String) body.get("kind"), (String) metadata.get("namespace"), (String) metadata.get("name"),
                    body, yaml);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ManifestObject obj(String apiVersion, String kind, String namespace, String name) {
        return object("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: " + name
                + (namespace == null ? "" : "\n  namespace: " + namespace) + "\n");
    }

    private static List<String> offences(EffectivePolicy policy, String target, boolean createNamespace,
            List<ManifestObject> objects) {
        return ClusterPolicyCheck.check(policy, target, createNamespace, objects, SCOPES).stream()
                .map(ClusterPolicyCheck.Offence::toString).toList();
    }

    @Test
    void objectsInAllowedNamespacesAndAllowedClusterKindsPass() {
        assertThat(offences(TEAM_A, "team-a", true, List.of(
                obj("apps/v1", "Deployment", null, "web"),
                obj("v1", "ConfigMap", "team-a-cache", "settings"),
                obj("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "widgets.example.com"))))
                .isEmpty();
    }

    @Test
    void everyOffendingObjectIsNamedWithItsReason() {
        List<String> found = offences(DEFAULT, "team-a", false, List.of(
                obj("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "grab-admin"),
                obj("apps/v1", "Deployment", "kube-system", "miner"),
                obj("v1", "ConfigMap", null, "fine"),
                obj("v1", "Namespace", null, "team-b"),
                // A namespace on a cluster-scoped object changes nothing: the kind decides.
                obj("rbac.authorization.k8s.io/v1", "ClusterRole", "team-a", "sneaky")));
        assertThat(found).containsExactly(
                "ClusterRoleBinding/grab-admin: cluster-scoped kind not allowed",
                "Deployment kube-system/miner: namespace kube-system not allowed",
                "Namespace/team-b: cluster-scoped kind not allowed",
                "ClusterRole/sneaky: cluster-scoped kind not allowed");
        assertThat(ClusterPolicyCheck.message(ClusterPolicyCheck.check(DEFAULT, "team-a", false, List.of(
                obj("apps/v1", "Deployment", "kube-system", "miner")), SCOPES)))
                .isEqualTo("1 object is outside the tenant's cluster policy: "
                        + "Deployment kube-system/miner: namespace kube-system not allowed");
    }

    @Test
    void objectsWithoutNamespaceGoToTheTargetNamespace() {
        assertThat(offences(DEFAULT, "kube-system", false, List.of(obj("v1", "Service", null, "web"))))
                .containsExactly("Service kube-system/web: namespace kube-system not allowed");
        assertThat(offences(TEAM_A, "team-a-web", false, List.of(obj("v1", "Service", null, "web")))).isEmpty();
    }

    @Test
    void prefixesMatchOnlyTheirStartAndTheWildcardMatchesEverything() {
        assertThat(TEAM_A.allowsNamespace("team-a-x")).isTrue();
        assertThat(TEAM_A.allowsNamespace("team-a")).isTrue();
        assertThat(TEAM_A.allowsNamespace("team-ab")).isFalse();
        assertThat(TEAM_A.allowsNamespace("xteam-a-x")).isFalse();
        assertThat(TEAM_A.allowsNamespace(null)).isFalse();
        EffectivePolicy any = new EffectivePolicy(List.of("*"), List.of(), null, false, 1);
        assertThat(any.allowsNamespace("kube-system")).isTrue();
        EffectivePolicy none = new EffectivePolicy(List.of(), List.of(), null, false, 1);
        assertThat(none.allowsNamespace("team-a")).isFalse();
    }

    @Test
    void createNamespaceOnlyForAnAllowedNamespace() {
        assertThat(offences(DEFAULT, "team-z", true, List.of()))
                .containsExactly("install.createNamespace: namespace team-z not allowed");
        assertThat(offences(DEFAULT, "team-a", true, List.of())).isEmpty();
        assertThat(offences(DEFAULT, "team-z", false, List.of())).isEmpty();
    }

    @Test
    void hooksAndCrdsOfTheRevisionAreCheckedToo() {
        ManifestObject crd = object("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: gadgets.example.com
                spec:
                  group: example.com
                  scope: Cluster
                  names: {kind: Gadget, plural: gadgets}
                  versions: [{name: v1, served: true, storage: true}]
                """);
        ManifestObject hook = obj("batch/v1", "Job", "kube-system", "pre-install");
        RenderedRelease rendered = new RenderedRelease(null, Map.of(), List.of(crd),
                List.of(obj("v1", "ConfigMap", null, "cm"), obj("example.com/v1", "Gadget", null, "g")),
                List.of(new Hook(hook, Set.of(HookEvent.PRE_INSTALL), 0, List.of())), "", "");
        assertThat(ClusterPolicyCheck.check(DEFAULT, "team-a", false, rendered, SCOPES))
                .map(ClusterPolicyCheck.Offence::toString).containsExactly(
                        "CustomResourceDefinition/gadgets.example.com: cluster-scoped kind not allowed",
                        // The chart's own CRD says Gadget is cluster-scoped, before any cluster serves it.
                        "Gadget/g: cluster-scoped kind not allowed",
                        "Job kube-system/pre-install: namespace kube-system not allowed");
    }

    @Test
    void aNamespacedCustomResourceOfTheChartsOwnCrdIsCheckedByNamespace() {
        ManifestObject crd = object("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Widget, plural: widgets}
                  versions: [{name: v1alpha1}, {name: v1}]
                """);
        assertThat(offences(TEAM_A, "team-a", false, List.of(crd, obj("example.com/v1alpha1", "Widget", null, "w"),
                obj("example.com/v1", "Widget", "default", "x")))).containsExactly(
                "Widget default/x: namespace default not allowed");
    }

    @Test
    void aKindOfUnknownScopeIsAnOffenceRatherThanAGuess() {
        assertThat(offences(TEAM_A, "team-a", false, List.of(obj("unknown.example.com/v1", "Thing", null, "t"))))
                .containsExactly("Thing/t: kind Thing of unknown.example.com/v1 has no known scope (its CRD is "
                        + "neither in the chart nor served by the cluster)");
        // A resolver that knows (the cluster's discovery, wired by the reconciler) decides instead.
        ClusterPolicyCheck.KindScope discovery = (apiVersion, kind) -> "Thing".equals(kind)
                ? java.util.Optional.of(ClusterPolicyCheck.Scope.NAMESPACED) : SCOPES.of(apiVersion, kind);
        assertThat(ClusterPolicyCheck.check(TEAM_A, "team-a", false,
                List.of(obj("unknown.example.com/v1", "Thing", null, "t")), discovery)).isEmpty();
    }

    @Test
    void builtInScopesComeFromTheModel() {
        assertThat(SCOPES.of("v1", "Secret")).contains(ClusterPolicyCheck.Scope.NAMESPACED);
        assertThat(SCOPES.of("v1", "Namespace")).contains(ClusterPolicyCheck.Scope.CLUSTER);
        assertThat(SCOPES.of("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"))
                .contains(ClusterPolicyCheck.Scope.CLUSTER);
        assertThat(SCOPES.of("storage.k8s.io/v1", "StorageClass")).contains(ClusterPolicyCheck.Scope.CLUSTER);
        assertThat(SCOPES.of("networking.k8s.io/v1", "Ingress")).contains(ClusterPolicyCheck.Scope.NAMESPACED);
        assertThat(SCOPES.of("example.com/v1", "Widget")).isEmpty();
    }

    @Test
    void aTargetNamespaceOutsideThePolicyIsAViolationOnTargetNamespace() {
        assertThat(ClusterPolicyCheck.targetNamespace(TEAM_A, "team-a-web")).isEmpty();
        Violation violation = ClusterPolicyCheck.targetNamespace(TEAM_A, "kube-system").orElseThrow();
        assertThat(violation.field()).isEqualTo("targetNamespace");
        assertThat(violation.message()).contains("kube-system").contains("team-a, team-a-*");
    }

    @Test
    void impersonationNamesTheServiceAccountInTheTenantsNamespace() {
        assertThat(DEFAULT.impersonatedUser("team-a")).isEmpty();
        assertThat(new EffectivePolicy(List.of("team-a"), List.of(), "deployer", false, 1).impersonatedUser("team-a"))
                .contains("system:serviceaccount:team-a:deployer");
    }
}
