package io.helmdeck.release.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.helmdeck.model.Violation;
import io.helmdeck.release.render.Hook;
import io.helmdeck.release.render.ManifestObject;
import io.helmdeck.release.render.RenderedRelease;

/**
 * Whether everything a revision would create lies inside a tenant's cluster policy: pure, so the API (a
 * release's {@code targetNamespace}) and the reconciler (every rendered object, before anything is applied) judge
 * alike. Every offending object is reported, not only the first, so one look at the status tells what to fix.
 */
public final class ClusterPolicyCheck {

    /** Where objects of a kind live. */
    public enum Scope { NAMESPACED, CLUSTER }

    /** Tells the scope of a kind; empty when it cannot (no CRD for it in the chart nor served by the cluster). */
    @FunctionalInterface
    public interface KindScope {
        Optional<Scope> of(String apiVersion, String kind);
    }

    /** One object (or the namespace creation) outside the policy; {@code toString} is the status message form. */
    public record Offence(String object, String message) {
        @Override
        public String toString() {
            return object + ": " + message;
        }
    }

    static final String CRD_KIND = "CustomResourceDefinition";

    private ClusterPolicyCheck() {
    }

    /**
     * The violation on {@code targetNamespace} when a release may not deploy there; checked on create and update
     * so a release that could never be applied is refused at once (422).
     */
    public static Optional<Violation> targetNamespace(EffectivePolicy policy, String targetNamespace) {
        if (policy.allowsNamespace(targetNamespace)) {
            return Optional.empty();
        }
        return Optional.of(new Violation("targetNamespace", "namespace " + targetNamespace + " is outside the "
                + "tenant's cluster policy (allowed: " + allowed(policy) + "); an admin can allow it in "
                + "the tenant's cluster-policy"));
    }

    /**
     * Every object of {@code release} (CRDs, main manifest and hooks, subcharts included) that the policy does not
     * allow, plus the creation of {@code targetNamespace} when {@code createNamespace} asks for a namespace the
     * policy does not allow. Objects without a namespace go to {@code targetNamespace}, as Helm puts them there.
     */
    public static List<Offence> check(EffectivePolicy policy, String targetNamespace, boolean createNamespace,
            RenderedRelease release, KindScope scopes) {
        List<ManifestObject> objects = new ArrayList<>(release.crds());
        objects.addAll(release.resources());
        release.hooks().stream().map(Hook::object).forEach(objects::add);
        return check(policy, targetNamespace, createNamespace, objects, scopes);
    }

    /** As {@link #check(EffectivePolicy, String, boolean, RenderedRelease, KindScope)}, for a list of objects. */
    public static List<Offence> check(EffectivePolicy policy, String targetNamespace, boolean createNamespace,
            List<ManifestObject> objects, KindScope scopes) {
        List<Offence> offences = new ArrayList<>();
        if (createNamespace && !policy.allowsNamespace(targetNamespace)) {
            offences.add(new Offence("install.createNamespace", "namespace " + targetNamespace + " not allowed"));
        }
        KindScope known = withChartCrds(objects, scopes);
        for (ManifestObject object : objects) {
            String kind = object.kind() == null ? "(no kind)" : object.kind();
            String name = object.name() == null ? "(unnamed)" : object.name();
            Optional<Scope> scope = known.of(object.apiVersion(), object.kind());
            if (scope.isEmpty()) {
                offences.add(new Offence(kind + place(object.namespace(), name), "kind " + kind + " of "
                        + object.apiVersion() + " has no known scope (its CRD is neither in the chart nor served by "
                        + "the cluster)"));
            } else if (scope.get() == Scope.CLUSTER) {
                if (!policy.allowsClusterScopedKind(kind)) {
                    offences.add(new Offence(kind + "/" + name, "cluster-scoped kind not allowed"));
                }
            } else {
                String namespace = object.namespace() == null || object.namespace().isEmpty()
                        ? targetNamespace : object.namespace();
                if (!policy.allowsNamespace(namespace)) {
                    offences.add(new Offence(kind + " " + namespace + "/" + name,
                            "namespace " + namespace + " not allowed"));
                }
            }
        }
        return offences;
    }

    /** The offences as one status message, each named. */
    public static String message(List<Offence> offences) {
        return offences.size() + (offences.size() == 1 ? " object is" : " objects are")
                + " outside the tenant's cluster policy: "
                + offences.stream().map(Offence::toString).collect(Collectors.joining("; "));
    }

    private static String place(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? "/" + name : " " + namespace + "/" + name;
    }

    private static String allowed(EffectivePolicy policy) {
        return policy.namespaces().isEmpty() ? "none" : String.join(", ", policy.namespaces());
    }

    /**
     * Scopes declared by the CRDs the revision itself brings (custom resources of a chart's own CRDs are not served
     * before the CRDs are applied), before asking {@code fallback}.
     */
    static KindScope withChartCrds(List<ManifestObject> objects, KindScope fallback) {
        Map<String, Scope> declared = new HashMap<>();
        for (ManifestObject object : objects) {
            if (!CRD_KIND.equals(object.kind()) || object.apiVersion() == null
                    || !object.apiVersion().startsWith("apiextensions.k8s.io/")
                    || !(object.body().get("spec") instanceof Map<?, ?> spec)) {
                continue;
            }
            Object group = spec.get("group");
            Object names = spec.get("names");
            Object scope = spec.get("scope");
            if (!(group instanceof String g) || !(names instanceof Map<?, ?> n) || !(n.get("kind") instanceof String k)) {
                continue;
            }
            Scope s = "Cluster".equals(scope) ? Scope.CLUSTER : Scope.NAMESPACED;
            Object versions = spec.get("versions");
            if (versions instanceof List<?> list) {
                for (Object v : list) {
                    if (v instanceof Map<?, ?> version && version.get("name") instanceof String vn) {
                        declared.put(g + "/" + vn + "/" + k, s);
                    }
                }
            }
            // apiextensions.k8s.io/v1beta1 CRDs name a single version.
            if (spec.get("version") instanceof String single) {
                declared.put(g + "/" + single + "/" + k, s);
            }
        }
        return (apiVersion, kind) -> {
            Scope s = declared.get(apiVersion + "/" + kind);
            return s != null ? Optional.of(s) : fallback.of(apiVersion, kind);
        };
    }
}
