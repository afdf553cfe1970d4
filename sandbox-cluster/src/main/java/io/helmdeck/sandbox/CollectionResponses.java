package io.helmdeck.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.mockwebserver.http.MockResponse;

/**
 * Names collections as Kubernetes does. fabric8's store answers every list as {@code kind: List, apiVersion: v1};
 * a real API server says {@code SecretList} / {@code apps/v1 DeploymentList}, and Go clients (Helm's storage driver,
 * kubectl) decode by that name, so they cannot read the store's answer as it is.
 */
final class CollectionResponses {

    private final KindCatalog catalog;

    CollectionResponses(KindCatalog catalog) {
        this.catalog = catalog;
    }

    private static String namespaceAndName(Object item) {
        if (item instanceof Map<?, ?> object && object.get("metadata") instanceof Map<?, ?> meta) {
            return meta.get("namespace") + "/" + meta.get("name");
        }
        return "";
    }

    /** Renames the collection in a successful list answer; other answers pass unchanged. */
    @SuppressWarnings("unchecked")
    MockResponse name(ApiPath path, String method, MockResponse response) {
        if (!"GET".equals(method) || response.code() != 200 || path.resource() == null || path.name() != null
                || path.watch() || response.getBody() == null) {
            return response;
        }
        Optional<ResourceKind> kind = catalog.find(path.group(), path.version(), path.resource());
        if (kind.isEmpty()) {
            return response;
        }
        String body = new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
        Map<String, Object> list = StatusResponses.serialization().unmarshal(body, Map.class);
        if (list == null || !"List".equals(list.get("kind"))) {
            return response;
        }
        if (list.get("items") instanceof List<?> items) {
            // etcd returns keys in order, so a real API server lists by namespace, then name; the store's map does not.
            List<Object> sorted = new ArrayList<>(items);
            sorted.sort(Comparator.comparing(CollectionResponses::namespaceAndName));
            list.put("items", sorted);
        }
        list.put("kind", kind.get().kind() + "List");
        list.put("apiVersion", kind.get().apiVersion());
        Object metadata = list.get("metadata");
        if (metadata instanceof Map<?, ?> meta) {
            // Kubernetes dropped selfLink in 1.20; an empty one only confuses readers.
            ((Map<String, Object>) meta).remove("selfLink");
        }
        return response.setBody(StatusResponses.serialization().asJson(list));
    }
}
