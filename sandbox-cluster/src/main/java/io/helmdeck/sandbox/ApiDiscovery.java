package io.helmdeck.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The legacy discovery documents client-go, Helm and kubectl read before anything else: {@code /api} (APIVersions),
 * {@code /api/v1} and {@code /apis/<group>/<version>} (APIResourceList), {@code /apis} (APIGroupList) and
 * {@code /apis/<group>} (APIGroup), for the built-in kinds and every stored CRD. Clients that ask for aggregated
 * discovery first ({@code apidiscovery.k8s.io/v2}) fall back to these when the answer is plain
 * {@code application/json}, as it is here.
 */
final class ApiDiscovery {

    private static final Pattern SEMVER = Pattern.compile("v(\\d+)\\.(\\d+).*");

    private final KindCatalog catalog;
    private final Supplier<String> serverAddress;
    private final String kubeVersion;

    /**
     * @param serverAddress {@code host:port} clients reach the server at (known once it listens)
     * @param kubeVersion   {@code /version}'s {@code gitVersion}, e.g. {@code v1.31.4}
     */
    ApiDiscovery(KindCatalog catalog, Supplier<String> serverAddress, String kubeVersion) {
        this.catalog = catalog;
        this.serverAddress = serverAddress;
        this.kubeVersion = kubeVersion;
    }

    /** {@code /version} as kube-apiserver reports it. */
    MockResponse version() {
        Matcher m = SEMVER.matcher(kubeVersion);
        String major = m.matches() ? m.group(1) : "1";
        String minor = m.matches() ? m.group(2) : "31";
        Map<String, String> info = new LinkedHashMap<>();
        info.put("major", major);
        info.put("minor", minor);
        info.put("gitVersion", kubeVersion);
        info.put("gitCommit", "0000000000000000000000000000000000000000");
        info.put("gitTreeState", "clean");
        info.put("buildDate", "2024-12-10T00:00:00Z");
        info.put("goVersion", "go1.22.9");
        info.put("compiler", "gc");
        info.put("platform", "linux/amd64");
        return StatusResponses.json(200, info);
    }

    /** {@code /}: the paths the server serves. */
    MockResponse rootPaths() {
        List<String> paths = new ArrayList<>(List.of("/api", "/api/v1", "/apis"));
        catalog.groups().forEach((group, versions) -> {
            paths.add("/apis/" + group);
            versions.forEach(v -> paths.add("/apis/" + group + "/" + v));
        });
        paths.addAll(List.of("/healthz", "/livez", "/readyz", "/version"));
        return StatusResponses.json(200, Map.of("paths", paths));
    }

    /** The discovery answer for the path, or empty when the path is not a discovery path. */
    Optional<MockResponse> answer(ApiPath path) {
        if (!path.discovery()) {
            return Optional.empty();
        }
        if (path.group() != null && path.group().isEmpty()) {
            return Optional.of(path.version() == null ? coreVersions() : resources("", path.version()));
        }
        if (path.group() == null) {
            return Optional.of(groups());
        }
        if (path.version() == null) {
            return Optional.of(group(path.group()).map(g -> StatusResponses.json(200, g))
                    .orElseGet(() -> StatusResponses.notFound(path)));
        }
        return Optional.of(resources(path.group(), path.version()));
    }

    private MockResponse coreVersions() {
        return StatusResponses.json(200, new APIVersionsBuilder().withVersions("v1")
                .addNewServerAddressByClientCIDR("0.0.0.0/0", serverAddress.get()).build());
    }

    private MockResponse groups() {
        List<APIGroup> groups = new ArrayList<>();
        for (String name : catalog.groups().keySet()) {
            group(name).ifPresent(groups::add);
        }
        return StatusResponses.json(200, new APIGroupListBuilder().withGroups(groups).build());
    }

    private Optional<APIGroup> group(String name) {
        Map<String, List<String>> groups = catalog.groups();
        List<String> versions = groups.get(name);
        if (versions == null) {
            return Optional.empty();
        }
        List<GroupVersionForDiscovery> entries = versions.stream()
                .map(v -> new GroupVersionForDiscovery(name + "/" + v, v)).toList();
        return Optional.of(new APIGroupBuilder().withName(name).withVersions(entries)
                .withPreferredVersion(entries.get(0)).build());
    }

    private MockResponse resources(String group, String version) {
        List<APIResource> resources = new ArrayList<>();
        for (ResourceKind kind : catalog.all()) {
            if (!kind.group().equals(group) || !kind.version().equals(version)) {
                continue;
            }
            resources.add(new APIResourceBuilder().withName(kind.plural()).withSingularName(kind.singular())
                    .withNamespaced(kind.namespaced()).withKind(kind.kind()).withVerbs(ResourceKind.VERBS)
                    .withShortNames(kind.shortNames().isEmpty() ? null : kind.shortNames()).build());
            if (kind.status()) {
                resources.add(new APIResourceBuilder().withName(kind.plural() + "/status").withSingularName("")
                        .withNamespaced(kind.namespaced()).withKind(kind.kind())
                        .withVerbs("get", "patch", "update").build());
            }
        }
        String groupVersion = group.isEmpty() ? version : group + "/" + version;
        if (resources.isEmpty()) {
            return StatusResponses.notFound(ApiPath.parse(group.isEmpty() ? "/api/" + version
                    : "/apis/" + groupVersion));
        }
        return StatusResponses.json(200, new APIResourceListBuilder().withGroupVersion(groupVersion)
                .withResources(resources).build());
    }
}
