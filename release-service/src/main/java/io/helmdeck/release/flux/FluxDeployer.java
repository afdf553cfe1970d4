package io.helmdeck.release.flux;

import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.helmdeck.release.kube.ApplyException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Flux mode: writes, deletes and reads back the OCIRepository + HelmRelease pair of a Helmdeck release instead of
 * applying the chart. Blocking; call it from a worker thread.
 */
@ApplicationScoped
public class FluxDeployer {

    private static final Logger LOG = Logger.getLogger(FluxDeployer.class);

    // Fixed contexts spare a discovery round trip per call; the plurals are those of Flux's published CRDs.
    static final ResourceDefinitionContext OCI_REPOSITORIES = new ResourceDefinitionContext.Builder()
            .withGroup("source.toolkit.fluxcd.io").withVersion("v1").withKind(FluxObjects.OCI_REPOSITORY_KIND)
            .withPlural("ocirepositories").withNamespaced(true).build();
    static final ResourceDefinitionContext HELM_RELEASES = new ResourceDefinitionContext.Builder()
            .withGroup("helm.toolkit.fluxcd.io").withVersion("v2").withKind(FluxObjects.HELM_RELEASE_KIND)
            .withPlural("helmreleases").withNamespaced(true).build();

    private final KubernetesClient client;
    private final FluxObjects objects;

    public FluxDeployer(KubernetesClient client, FluxObjects objects) {
        this.client = client;
        this.objects = objects;
    }

    /**
     * Creates or updates both objects, the source first so the HelmRelease's chartRef resolves at once. An object
     * whose spec, labels and hash already match is not written, so an unchanged release never bumps its generation.
     *
     * @return whether anything was written
     */
    public boolean apply(FluxReleaseSpec spec) throws ApplyException {
        boolean source = createOrUpdate(OCI_REPOSITORIES, objects.ociRepository(spec));
        boolean release = createOrUpdate(HELM_RELEASES, objects.helmRelease(spec));
        boolean moved = retireElsewhere(spec.tenant(), spec.name(), objects.namespace(spec.serviceAccount()));
        return source || release || moved;
    }

    /**
     * The pair this release had in another namespace, written before its identity changed (objects live beside the
     * service account the release acts as, or in the Flux namespace): left there, a second HelmRelease would keep
     * upgrading the same Helm release. Each stale HelmRelease is suspended before it is deleted, so that Flux lets
     * go of the Helm release instead of uninstalling it (the pair just written takes it over); then its source goes.
     * Looked for on every apply (one labelled list per kind), so a move cut short by a crash is finished later.
     *
     * @return whether anything was retired
     */
    private boolean retireElsewhere(String tenant, String name, String namespace) throws ApplyException {
        Map<String, String> labels = ownLabels(tenant, name);
        List<GenericKubernetesResource> releases = elsewhere(HELM_RELEASES, labels, namespace);
        List<GenericKubernetesResource> sources = elsewhere(OCI_REPOSITORIES, labels, namespace);
        for (GenericKubernetesResource stale : releases) {
            String at = stale.getMetadata().getNamespace();
            String objectName = stale.getMetadata().getName();
            try {
                if (!Boolean.TRUE.equals(spec(stale).get("suspend"))) {
                    spec(stale).put("suspend", true);
                    client.genericKubernetesResources(HELM_RELEASES).inNamespace(at).resource(stale).update();
                }
            } catch (KubernetesClientException e) {
                throw failure("suspend", HELM_RELEASES, at, objectName, e);
            }
            deleteOne(HELM_RELEASES, at, objectName);
            LOG.infof("release %s/%s moved to namespace %s: its HelmRelease in %s suspended and deleted", tenant,
                    name, namespace, at);
        }
        for (GenericKubernetesResource stale : sources) {
            deleteOne(OCI_REPOSITORIES, stale.getMetadata().getNamespace(), stale.getMetadata().getName());
        }
        return !releases.isEmpty() || !sources.isEmpty();
    }

    /**
     * Objects of one kind with these labels outside {@code namespace}, not being deleted already. Without the right to list the kind cluster-wide
     * there are none to find: the chart grants it whenever tenants have service accounts, the only way a release's
     * objects can leave the Flux namespace.
     */
    private List<GenericKubernetesResource> elsewhere(ResourceDefinitionContext context, Map<String, String> labels,
            String namespace) throws ApplyException {
        try {
            return client.genericKubernetesResources(context).inAnyNamespace().withLabels(labels).list().getItems()
                    .stream().filter(o -> !namespace.equals(o.getMetadata().getNamespace()))
                    // already on their way out (Flux's finalizer still runs): nothing more to do with them
                    .filter(o -> o.getMetadata().getDeletionTimestamp() == null).toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
                return List.of();
            }
            throw failure("list", context, "*", labels.get(FluxNames.RELEASE_LABEL), e);
        }
    }

    /** The labels FluxObjects puts on both objects of one release. */
    private static Map<String, String> ownLabels(String tenant, String name) {
        return Map.of(FluxNames.MANAGED_BY_LABEL, FluxNames.MANAGED_BY, FluxNames.TENANT_LABEL, tenant,
                FluxNames.RELEASE_LABEL, name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        Object spec = resource.getAdditionalProperties().get("spec");
        if (!(spec instanceof Map<?, ?>)) {
            spec = new HashMap<String, Object>();
            resource.setAdditionalProperty("spec", spec);
        }
        return (Map<String, Object>) spec;
    }

    /**
     * Deletes both objects; Flux then uninstalls the Helm release, unless the HelmRelease is suspended (Flux then
     * leaves the release's objects in the cluster, as PRODUCT.md §4 asks of a suspended release).
     *
     * @return whether either object existed
     */
    public boolean delete(FluxReleaseSpec.ServiceAccount account, String tenant, String name)
            throws ApplyException {
        String namespace = objects.namespace(account);
        String objectName = FluxNames.objectName(tenant, name);
        // The HelmRelease goes first: without it nothing consumes the source any more.
        boolean release = deleteOne(HELM_RELEASES, namespace, objectName);
        boolean source = deleteOne(OCI_REPOSITORIES, namespace, objectName);
        // A pair a change of identity left elsewhere (see retireElsewhere) goes too, not suspended: Flux uninstalls.
        Map<String, String> labels = ownLabels(tenant, name);
        for (ResourceDefinitionContext kind : List.of(HELM_RELEASES, OCI_REPOSITORIES)) {
            for (GenericKubernetesResource stale : elsewhere(kind, labels, namespace)) {
                source |= deleteOne(kind, stale.getMetadata().getNamespace(), stale.getMetadata().getName());
            }
        }
        return release || source;
    }

    /**
     * Flux's verdict on the release (whose objects live beside {@code account}, see
     * {@link FluxObjects#namespace(FluxReleaseSpec.ServiceAccount)}), or empty when Helmdeck has not written its
     * HelmRelease (or it is gone).
     */
    public Optional<FluxReleaseStatus> readStatus(FluxReleaseSpec.ServiceAccount account, String tenant, String name)
            throws ApplyException {
        String namespace = objects.namespace(account);
        String objectName = FluxNames.objectName(tenant, name);
        GenericKubernetesResource release = get(HELM_RELEASES, namespace, objectName);
        if (release == null) {
            return Optional.empty();
        }
        // Read even when the HelmRelease has a verdict: if that verdict is stale, the source may explain why.
        return Optional.of(FluxStatusMapper.map(release, get(OCI_REPOSITORIES, namespace, objectName)));
    }

    private boolean createOrUpdate(ResourceDefinitionContext context, GenericKubernetesResource desired)
            throws ApplyException {
        String name = desired.getMetadata().getName();
        String namespace = desired.getMetadata().getNamespace();
        try {
            GenericKubernetesResource live = get(context, namespace, name);
            if (live == null) {
                client.genericKubernetesResources(context).inNamespace(namespace).resource(desired).create();
                LOG.debugf("created %s %s/%s", context.getKind(), namespace, name);
                return true;
            }
            if (!needsUpdate(live, desired)) {
                return false;
            }
            // Start from the live object: its resourceVersion makes the write conditional, and its status and
            // any metadata others added (finalizers, Flux's annotations) survive.
            ObjectMeta meta = live.getMetadata();
            meta.setLabels(merged(meta.getLabels(), desired.getMetadata().getLabels()));
            meta.setAnnotations(merged(meta.getAnnotations(), desired.getMetadata().getAnnotations()));
            live.setAdditionalProperty("spec", desired.getAdditionalProperties().get("spec"));
            client.genericKubernetesResources(context).inNamespace(namespace).resource(live).update();
            LOG.debugf("updated %s %s/%s", context.getKind(), namespace, name);
            return true;
        } catch (KubernetesClientException e) {
            throw failure("write", context, namespace, name, e);
        }
    }

    /**
     * Our hash changed (Helmdeck wants something else), a label is missing, or someone edited a field we own. Extra
     * fields the API server defaulted are not a difference.
     */
    static boolean needsUpdate(GenericKubernetesResource live, GenericKubernetesResource desired) {
        ObjectMeta want = desired.getMetadata();
        ObjectMeta have = live.getMetadata();
        if (!contains(have.getLabels(), want.getLabels()) || !contains(have.getAnnotations(), want.getAnnotations())) {
            return true;
        }
        return !isSubset(desired.getAdditionalProperties().get("spec"), live.getAdditionalProperties().get("spec"));
    }

    private static boolean contains(Map<String, String> have, Map<String, String> want) {
        return have != null && have.entrySet().containsAll(want.entrySet());
    }

    private static boolean isSubset(Object want, Object have) {
        if (want instanceof Map<?, ?> w) {
            if (!(have instanceof Map<?, ?> h)) {
                return false;
            }
            return w.entrySet().stream().allMatch(e -> isSubset(e.getValue(), h.get(e.getKey())));
        }
        if (want instanceof Number w && have instanceof Number h) {
            return w.doubleValue() == h.doubleValue();
        }
        return Objects.equals(want, have);
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> ours) {
        Map<String, String> result = base == null ? new HashMap<>() : new HashMap<>(base);
        result.putAll(ours);
        return result;
    }

    private boolean deleteOne(ResourceDefinitionContext context, String namespace, String name)
            throws ApplyException {
        try {
            List<?> deleted = client.genericKubernetesResources(context).inNamespace(namespace).withName(name)
                    .delete();
            return !deleted.isEmpty();
        } catch (KubernetesClientException e) {
            throw failure("delete", context, namespace, name, e);
        }
    }

    private GenericKubernetesResource get(ResourceDefinitionContext context, String namespace, String name)
            throws ApplyException {
        try {
            return client.genericKubernetesResources(context).inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw failure("read", context, namespace, name, e);
        }
    }

    /** Names the object and the server's answer; never the spec, whose values may hold secrets. */
    private static ApplyException failure(String verb, ResourceDefinitionContext context, String namespace,
            String name, KubernetesClientException e) {
        String target = context.getKind() + " " + namespace + "/" + name;
        String answer = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getClass().getSimpleName();
        String hint = e.getCode() == HttpURLConnection.HTTP_NOT_FOUND
                ? " (are Flux's CRDs installed and does the namespace exist?)" : "";
        return new ApplyException("cannot " + verb + " " + target + ": HTTP " + e.getCode() + " " + answer + hint, e);
    }
}
