package io.helmdeck.release.kube;

import java.util.List;

/**
 * Helm's install and uninstall order of kinds (helm/helm {@code pkg/releaseutil/kind_sorter.go}, Helm 3.21):
 * kinds Helm does not list come last.
 */
public final class KindOrder {

    /** Earlier kinds are installed first. */
    public static final List<String> INSTALL = List.of(
            "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
            "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
            "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding",
            "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
            "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

    /** Earlier kinds are deleted first. */
    public static final List<String> UNINSTALL = List.of(
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "Ingress",
            "IngressClass", "Service", "CronJob", "Job", "StatefulSet", "HorizontalPodAutoscaler", "Deployment",
            "ReplicaSet", "ReplicationController", "Pod", "DaemonSet", "RoleBindingList", "RoleBinding", "RoleList",
            "Role", "ClusterRoleBindingList", "ClusterRoleBinding", "ClusterRoleList", "ClusterRole",
            "CustomResourceDefinition", "PersistentVolumeClaim", "PersistentVolume", "StorageClass", "ConfigMap",
            "SecretList", "Secret", "ServiceAccount", "PodDisruptionBudget", "PodSecurityPolicy", "LimitRange",
            "ResourceQuota", "NetworkPolicy", "Namespace", "PriorityClass");

    private KindOrder() {
    }

    /** Position of {@code kind} in {@code order}; unknown kinds rank after every known one. */
    public static int rank(List<String> order, String kind) {
        int index = order.indexOf(kind);
        return index < 0 ? order.size() : index;
    }
}
