package io.helmdeck.release.policy;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The scope of Kubernetes' built-in kinds as fabric8's typed model declares it, without asking any cluster; empty
 * for kinds it does not model (custom resources), which a cluster's API discovery has to answer.
 */
public final class BuiltInKindScope implements ClusterPolicyCheck.KindScope {

    private static final KubernetesSerialization MODEL = new KubernetesSerialization();

    @Override
    public Optional<ClusterPolicyCheck.Scope> of(String apiVersion, String kind) {
        if (apiVersion == null || kind == null) {
            return Optional.empty();
        }
        GenericKubernetesResource stub = new GenericKubernetesResource();
        stub.setApiVersion(apiVersion);
        stub.setKind(kind);
        Object typed = MODEL.unmarshal(MODEL.asJson(stub));
        if (typed instanceof GenericKubernetesResource || !(typed instanceof HasMetadata resource)) {
            return Optional.empty();
        }
        return Optional.of(ResourceDefinitionContext.fromResourceType(resource.getClass()).isNamespaceScoped()
                ? ClusterPolicyCheck.Scope.NAMESPACED : ClusterPolicyCheck.Scope.CLUSTER);
    }
}
