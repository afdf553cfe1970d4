package io.helmdeck.release.render;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Helm's install order by kind ({@code releaseutil.InstallOrder}): listed kinds in list order, then unknown kinds
 * alphabetically; objects of equal rank keep their order (use with a stable sort).
 */
final class InstallOrder {

    static final List<String> KINDS = List.of(
            "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
            "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
            "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding",
            "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
            "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService");

    private static final Map<String, Integer> RANK = IntStream.range(0, KINDS.size()).boxed()
            .collect(Collectors.toUnmodifiableMap(KINDS::get, Function.identity()));

    private InstallOrder() {
    }

    static <T> Comparator<T> byKind(Function<T, String> kind) {
        return (a, b) -> compare(kind.apply(a), kind.apply(b));
    }

    static int compare(String kindA, String kindB) {
        Integer a = RANK.get(kindA);
        Integer b = RANK.get(kindB);
        if (a == null && b == null) {
            return kindA.compareTo(kindB);
        }
        if (a == null) {
            return 1;
        }
        if (b == null) {
            return -1;
        }
        return Integer.compare(a, b);
    }
}
