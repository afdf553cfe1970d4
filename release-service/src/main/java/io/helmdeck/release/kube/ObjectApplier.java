package io.helmdeck.release.kube;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.release.render.ManifestObject;
import org.jboss.logging.Logger;

/**
 * Applies rendered objects to the cluster as Helm would own them, deletes them, and reads them back. Blocking:
 * call it from worker threads, and only when {@link ClusterConnection#available()}.
 */
@ApplicationScoped
public class ObjectApplier {

    /** Helm's ownership label and annotations (helm/helm {@code pkg/action/validate.go}). */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_HELM = "Helm";
    public static final String RELEASE_NAME_ANNOTATION = "meta.helm.sh/release-name";
    public static final String RELEASE_NAMESPACE_ANNOTATION = "meta.helm.sh/release-namespace";

    private static final Logger LOG = Logger.getLogger(ObjectApplier.class);
    private static final int CONFLICT = 409;
    private static final int CLIENT_SIDE_ATTEMPTS = 3;

    private final ClusterConnection connection;
    private final KubeConfig config;
    private final KindScopes scopes = new KindScopes();

    ObjectApplier(ClusterConnection connection, KubeConfig config) {
        this.connection = connection;
        this.config = config;
    }

    /**
     * Stamps Helm's ownership metadata on each object, puts namespaced objects without a namespace into the
     * release's namespace, and applies them in the given order with {@code helmdeck.kube.apply-strategy}.
     *
     * @return what was applied, in apply order
     * @throws PartialApplyException naming the object the API server rejected (and its message) and listing the
     *                               objects applied before it
     */
    public List<InventoryEntry> apply(ReleaseTarget target, List<ManifestObject> objects) throws ApplyException {
        KubernetesClient client = connection.client(target.identity());
        List<InventoryEntry> applied = new ArrayList<>();
        for (ManifestObject object : objects) {
            try {
                GenericKubernetesResource desired = desired(client, target, object);
                if (config.applyStrategy() == KubeConfig.ApplyStrategy.SERVER_SIDE) {
                    applyServerSide(client, desired);
                } else {
                    applyClientSide(client, desired);
                }
                applied.add(entry(desired));
            } catch (ApplyException e) {
                throw new PartialApplyException(e, applied);
            }
        }
        return applied;
    }

    /**
     * Deletes the objects in Helm's uninstall order with background propagation. Objects already gone, and kinds
     * the cluster no longer serves, count as deleted. Every object is tried even when one fails.
     *
     * @throws ApplyException naming each object the API server refused to delete
     */
    public void delete(ReleaseIdentity identity, List<InventoryEntry> objects) throws ApplyException {
        KubernetesClient client = connection.client(identity);
        List<InventoryEntry> ordered = new ArrayList<>(objects);
        ordered.sort(Comparator.comparingInt(e -> KindOrder.rank(KindOrder.UNINSTALL, e.kind())));
        List<String> failures = new ArrayList<>();
        ApplyException first = null;
        for (InventoryEntry entry : ordered) {
            try {
                deleteOne(client, entry);
            } catch (ApplyException e) {
                failures.add(e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new ApplyException(String.join("; ", failures), first);
        }
    }

    /**
     * Creates the namespace (labelled {@code name=<namespace>}, as {@code helm install --create-namespace} does)
     * unless it exists. The one request made with Helmdeck's own identity: a tenant's service account lives in a
     * namespace and cannot create one; the caller has checked that the tenant's cluster policy allows this one.
     */
    public void ensureNamespace(String name) throws ApplyException {
        KubernetesClient client = connection.client(ReleaseIdentity.helmdeck());
        try {
            if (client.namespaces().withName(name).get() != null) {
                return;
            }
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                    .addToLabels("name", name).endMetadata().build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == CONFLICT) {
                return;
            }
            throw new ApplyException("creating Namespace " + name + " failed: " + ApplyErrors.reason(e), e);
        }
    }

    /** The object as it is in the cluster now (for drift detection), empty when it does not exist. */
    public Optional<Map<String, Object>> live(ReleaseIdentity identity, InventoryEntry entry) throws ApplyException {
        KubernetesClient client = connection.client(identity);
        KindScopes.Scope scope = scopes.scope(client, entry.apiVersion(), entry.kind());
        if (scope == KindScopes.Scope.NOT_SERVED) {
            return Optional.empty();
        }
        GenericKubernetesResource ref = reference(entry, scope);
        try {
            GenericKubernetesResource found = client.resource(ref).get();
            if (found == null) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = client.getKubernetesSerialization().convertValue(found, Map.class);
            return Optional.of(map);
        } catch (KubernetesClientException e) {
            throw ApplyErrors.failed("reading", ref, e);
        }
    }

    /** Whether objects of this kind live in a namespace (for callers that build inventory entries themselves). */
    public boolean namespaced(ReleaseIdentity identity, String apiVersion, String kind) throws ApplyException {
        return scopes.scope(connection.client(identity), apiVersion, kind) != KindScopes.Scope.CLUSTER;
    }

    /**
     * Whether the cluster serves this kind and where its objects live: fabric8's model for built-in kinds, API
     * discovery (as {@code identity}) for the rest; empty when the cluster does not serve it (its CRD is missing).
     */
    public Optional<Boolean> servedNamespaced(ReleaseIdentity identity, String apiVersion, String kind)
            throws ApplyException {
        KindScopes.Scope scope = scopes.scope(connection.client(identity), apiVersion, kind);
        return scope == KindScopes.Scope.NOT_SERVED ? Optional.empty()
                : Optional.of(scope == KindScopes.Scope.NAMESPACED);
    }

    private GenericKubernetesResource desired(KubernetesClient client, ReleaseTarget target, ManifestObject object)
            throws ApplyException {
        // convertValue copies the rendered map, so the caller's ManifestObject is never changed.
        GenericKubernetesResource desired = client.getKubernetesSerialization()
                .convertValue(object.body(), GenericKubernetesResource.class);
        if (desired.getMetadata() == null) {
            desired.setMetadata(new ObjectMeta());
        }
        ObjectMeta meta = desired.getMetadata();
        Map<String, String> labels = meta.getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getLabels());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY_HELM);
        meta.setLabels(labels);
        Map<String, String> annotations = meta.getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(meta.getAnnotations());
        annotations.put(RELEASE_NAME_ANNOTATION, target.releaseName());
        annotations.put(RELEASE_NAMESPACE_ANNOTATION, target.namespace());
        meta.setAnnotations(annotations);
        if (scopes.scope(client, desired.getApiVersion(), desired.getKind()) == KindScopes.Scope.CLUSTER) {
            // kubectl ignores a namespace on a cluster-scoped object; the inventory must not carry one either.
            meta.setNamespace(null);
        } else if (meta.getNamespace() == null || meta.getNamespace().isBlank()) {
            meta.setNamespace(target.namespace());
        }
        return desired;
    }

    private void applyServerSide(KubernetesClient client, GenericKubernetesResource desired) throws ApplyException {
        try {
            client.resource(desired).fieldManager(config.fieldManager()).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            throw ApplyErrors.failed("applying", desired, e);
        }
    }

    private void applyClientSide(KubernetesClient client, GenericKubernetesResource desired) throws ApplyException {
        KubernetesClientException last = null;
        for (int attempt = 0; attempt < CLIENT_SIDE_ATTEMPTS; attempt++) {
            try {
                GenericKubernetesResource live = client.resource(desired).get();
                if (live == null) {
                    desired.getMetadata().setResourceVersion(null);
                    client.resource(desired).create();
                } else {
                    desired.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
                    client.resource(desired).update();
                }
                return;
            } catch (KubernetesClientException e) {
                // 409: created or changed by someone else between our read and write; read again.
                if (e.getCode() != CONFLICT) {
                    throw ApplyErrors.failed("applying", desired, e);
                }
                last = e;
            }
        }
        throw ApplyErrors.failed("applying", desired, last);
    }

    private void deleteOne(KubernetesClient client, InventoryEntry entry) throws ApplyException {
        KindScopes.Scope scope = scopes.scope(client, entry.apiVersion(), entry.kind());
        if (scope == KindScopes.Scope.NOT_SERVED) {
            LOG.debugf("Not deleting %s %s: the cluster no longer serves %s", entry.kind(), entry.name(),
                    entry.apiVersion());
            return;
        }
        GenericKubernetesResource ref = reference(entry, scope);
        try {
            // fabric8 answers a 404 with an empty list rather than an exception: already deleted is fine.
            client.resource(ref).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            throw ApplyErrors.failed("deleting", ref, e);
        }
    }

    private static GenericKubernetesResource reference(InventoryEntry entry, KindScopes.Scope scope) {
        GenericKubernetesResource ref = new GenericKubernetesResource();
        ref.setApiVersion(entry.apiVersion());
        ref.setKind(entry.kind());
        ObjectMeta meta = new ObjectMeta();
        meta.setName(entry.name());
        meta.setNamespace(scope == KindScopes.Scope.CLUSTER ? null : entry.namespace());
        ref.setMetadata(meta);
        return ref;
    }

    private static InventoryEntry entry(GenericKubernetesResource applied) {
        return new InventoryEntry(applied.getApiVersion(), applied.getKind(), applied.getMetadata().getNamespace(),
                applied.getMetadata().getName());
    }
}
