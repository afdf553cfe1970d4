package io.helmdeck.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * The built-in kinds of a Kubernetes 1.31 API server that Helm charts commonly contain. Custom kinds come from the
 * CustomResourceDefinitions stored in the sandbox (see {@link KindCatalog}).
 */
final class BuiltInKinds {

    private static final List<ResourceKind> KINDS = List.of(
            kind("", "v1", "Pod", "pods", true, true, "po"),
            kind("", "v1", "Service", "services", true, true, "svc"),
            kind("", "v1", "ConfigMap", "configmaps", true, false, "cm"),
            kind("", "v1", "Secret", "secrets", true, false),
            kind("", "v1", "ServiceAccount", "serviceaccounts", true, false, "sa"),
            kind("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, true, "pvc"),
            kind("", "v1", "PersistentVolume", "persistentvolumes", false, true, "pv"),
            kind("", "v1", "Namespace", "namespaces", false, true, "ns"),
            kind("", "v1", "Endpoints", "endpoints", true, false, "ep"),
            kind("", "v1", "Event", "events", true, false, "ev"),
            kind("", "v1", "LimitRange", "limitranges", true, false, "limits"),
            kind("", "v1", "ResourceQuota", "resourcequotas", true, true, "quota"),
            kind("", "v1", "ReplicationController", "replicationcontrollers", true, true, "rc"),
            kind("", "v1", "Node", "nodes", false, true, "no"),
            kind("apps", "v1", "Deployment", "deployments", true, true, "deploy"),
            kind("apps", "v1", "StatefulSet", "statefulsets", true, true, "sts"),
            kind("apps", "v1", "DaemonSet", "daemonsets", true, true, "ds"),
            kind("apps", "v1", "ReplicaSet", "replicasets", true, true, "rs"),
            kind("apps", "v1", "ControllerRevision", "controllerrevisions", true, false),
            kind("batch", "v1", "Job", "jobs", true, true),
            kind("batch", "v1", "CronJob", "cronjobs", true, true, "cj"),
            kind("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, true, "hpa"),
            kind("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, true, "hpa"),
            kind("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, true, "pdb"),
            kind("networking.k8s.io", "v1", "Ingress", "ingresses", true, true, "ing"),
            kind("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, false),
            kind("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, false, "netpol"),
            kind("rbac.authorization.k8s.io", "v1", "Role", "roles", true, false),
            kind("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, false),
            kind("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, false),
            kind("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, false),
            kind("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, true,
                    "crd", "crds"),
            kind("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, false, "sc"),
            kind("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, false, "pc"),
            kind("coordination.k8s.io", "v1", "Lease", "leases", true, false),
            kind("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, false),
            kind("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
                    "validatingwebhookconfigurations", false, false),
            kind("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
                    "mutatingwebhookconfigurations", false, false));

    private BuiltInKinds() {
    }

    static List<ResourceKind> all() {
        return KINDS;
    }

    static Optional<ResourceKind> byResource(String group, String version, String plural) {
        return KINDS.stream()
                .filter(k -> k.group().equals(group) && k.version().equals(version) && k.plural().equals(plural))
                .findFirst();
    }

    private static ResourceKind kind(String group, String version, String kind, String plural, boolean namespaced,
            boolean status, String... shortNames) {
        return new ResourceKind(group, version, kind, plural, namespaced, status, List.of(shortNames));
    }
}
