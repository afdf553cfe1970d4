package io.helmdeck.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;

/** Every kind the sandbox serves right now: the built-in ones plus those of the stored CustomResourceDefinitions. */
final class KindCatalog {

    private static final Pattern KUBE_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    private final Supplier<List<CustomResourceDefinition>> definitions;

    KindCatalog(Supplier<List<CustomResourceDefinition>> definitions) {
        this.definitions = definitions;
    }

    /** Built-in kinds first, then one entry per served version of each stored CRD. */
    List<ResourceKind> all() {
        List<ResourceKind> kinds = new ArrayList<>(BuiltInKinds.all());
        for (CustomResourceDefinition crd : definitions.get()) {
            kinds.addAll(kindsOf(crd));
        }
        return kinds;
    }

    Optional<ResourceKind> find(String group, String version, String plural) {
        Optional<ResourceKind> builtIn = BuiltInKinds.byResource(group, version, plural);
        if (builtIn.isPresent()) {
            return builtIn;
        }
        return all().stream()
                .filter(k -> k.group().equals(group) && k.version().equals(version) && k.plural().equals(plural))
                .findFirst();
    }

    /** Group name to its versions, most preferred first (Kubernetes' version priority: GA, then beta, then alpha). */
    Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ResourceKind kind : all()) {
            if (kind.group().isEmpty()) {
                continue;
            }
            List<String> versions = groups.computeIfAbsent(kind.group(), g -> new ArrayList<>());
            if (!versions.contains(kind.version())) {
                versions.add(kind.version());
            }
        }
        groups.values().forEach(versions -> versions.sort(KindCatalog::byPriority));
        return groups;
    }

    private static List<ResourceKind> kindsOf(CustomResourceDefinition crd) {
        List<ResourceKind> kinds = new ArrayList<>();
        if (crd.getSpec() == null || crd.getSpec().getNames() == null || crd.getSpec().getVersions() == null) {
            return kinds;
        }
        boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
        List<String> shortNames = crd.getSpec().getNames().getShortNames() == null ? List.of()
                : crd.getSpec().getNames().getShortNames();
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            if (Boolean.FALSE.equals(version.getServed())) {
                continue;
            }
            boolean status = version.getSubresources() != null && version.getSubresources().getStatus() != null;
            kinds.add(new ResourceKind(crd.getSpec().getGroup(), version.getName(), crd.getSpec().getNames().getKind(),
                    crd.getSpec().getNames().getPlural(), namespaced, status, shortNames));
        }
        return kinds;
    }

    /** Kubernetes' version priority: v2 before v1 before v1beta2 before v1beta1 before v1alpha1 before anything else. */
    static int byPriority(String a, String b) {
        return Comparator.<String, Integer>comparing(KindCatalog::stability)
                .thenComparing(KindCatalog::major, Comparator.reverseOrder())
                .thenComparing(KindCatalog::minor, Comparator.reverseOrder())
                .thenComparing(Comparator.naturalOrder())
                .compare(a, b);
    }

    private static int stability(String version) {
        Matcher m = KUBE_VERSION.matcher(version);
        if (!m.matches()) {
            return 3;
        }
        return m.group(2) == null ? 0 : m.group(2).equals("beta") ? 1 : 2;
    }

    private static int major(String version) {
        Matcher m = KUBE_VERSION.matcher(version);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static int minor(String version) {
        Matcher m = KUBE_VERSION.matcher(version);
        return m.matches() && m.group(3) != null ? Integer.parseInt(m.group(3)) : 0;
    }
}
