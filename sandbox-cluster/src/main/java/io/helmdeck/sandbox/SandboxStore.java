package io.helmdeck.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * fabric8's in-memory object store, with one correction: the built-in kinds that have a {@code status} subresource
 * in Kubernetes (Deployments, Jobs, Services, CRDs, ...) have one here too. Without it, every update a client sends
 * without {@code status} (a client-side apply, a replace) would wipe what the controllers wrote; with it, only
 * {@code .../status} writes change the status, as on a real API server.
 */
final class SandboxStore extends KubernetesCrudDispatcher {

    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    @Override
    public boolean isStatusSubresourceEnabledForResource(String path) {
        ApiPath parsed = ApiPath.parse(path);
        if (parsed.resource() != null && parsed.group() != null && parsed.version() != null
                && BuiltInKinds.byResource(parsed.group(), parsed.version(), parsed.resource())
                        .map(ResourceKind::status).orElse(false)) {
            return true;
        }
        return super.isStatusSubresourceEnabledForResource(path);
    }

    /** The CustomResourceDefinitions stored right now. */
    List<CustomResourceDefinition> customResourceDefinitions() {
        MockResponse response = handleGet(CRDS);
        String body = new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
        CustomResourceDefinitionList list = StatusResponses.serialization().unmarshal(body,
                CustomResourceDefinitionList.class);
        return list.getItems() == null ? List.of() : list.getItems();
    }
}
