package io.helmdeck.release.kube;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Whether a kind is namespaced: fabric8's typed model classes know for built-in kinds; other kinds (custom
 * resources) are looked up through API discovery. Only answers from the server are cached, so a CRD applied a
 * moment ago is found on the next look.
 */
final class KindScopes {

    /** The scope of a kind in one cluster. */
    enum Scope {
        NAMESPACED, CLUSTER,
        /** API discovery does not list it (its CRD is missing); treated as namespaced when applying. */
        NOT_SERVED
    }

    private final Map<String, Scope> discovered = new ConcurrentHashMap<>();

    Scope scope(KubernetesClient client, String apiVersion, String kind) throws ApplyException {
        String key = apiVersion + "/" + kind;
        Scope known = discovered.get(key);
        if (known != null) {
            return known;
        }
        GenericKubernetesResource stub = new GenericKubernetesResource();
        stub.setApiVersion(apiVersion);
        stub.setKind(kind);
        Object typed = client.getKubernetesSerialization().unmarshal(client.getKubernetesSerialization().asJson(stub));
        if (!(typed instanceof GenericKubernetesResource)) {
            @SuppressWarnings("unchecked")
            Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> type =
                    (Class<? extends io.fabric8.kubernetes.api.model.HasMetadata>) typed.getClass();
            Scope scope = ResourceDefinitionContext.fromResourceType(type).isNamespaceScoped()
                    ? Scope.NAMESPACED : Scope.CLUSTER;
            discovered.put(key, scope);
            return scope;
        }
        APIResourceList resources;
        try {
            resources = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Scope.NOT_SERVED;
            }
            throw new ApplyException("API discovery of " + apiVersion + " failed: " + ApplyErrors.reason(e), e);
        }
        if (resources == null || resources.getResources() == null) {
            return Scope.NOT_SERVED;
        }
        for (APIResource resource : resources.getResources()) {
            // Subresources (pods/status) share the kind of their parent; the parent's entry has no slash.
            if (kind.equals(resource.getKind()) && resource.getName() != null && !resource.getName().contains("/")) {
                Scope scope = Boolean.TRUE.equals(resource.getNamespaced()) ? Scope.NAMESPACED : Scope.CLUSTER;
                discovered.put(key, scope);
                return scope;
            }
        }
        return Scope.NOT_SERVED;
    }
}
