package io.helmdeck.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * fabric8's in-memory object store, with two corrections.
 *
 * <p>The built-in kinds that have a {@code status} subresource in Kubernetes (Deployments, Jobs, Services, CRDs, ...)
 * have one here too. Without it, every update a client sends without {@code status} (a client-side apply, a replace)
 * would wipe what the controllers wrote; with it, only {@code .../status} writes change the status, as on a real API
 * server.
 *
 * <p>A read, and the lookup before a write, costs what its answer costs, not what the whole store costs (ADR 0031):
 * fabric8 finds objects by testing every stored key, so with a thousand releases' objects stored each request
 * scanned all of them. Here a {@link SandboxStoreIndex} names the few keys that can match and fabric8's own matching
 * decides among them; deletes, watches and discovery-like paths still go to fabric8 unchanged.
 */
final class SandboxStore extends KubernetesCrudDispatcher {

    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    /** Taken before fabric8's own lock, never after it, so the two cannot deadlock. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final SandboxStoreIndex index = new SandboxStoreIndex();
    /** fabric8's latest resourceVersion, which it keeps private: a list answer carries it. */
    private volatile long resourceVersion;

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

    @Override
    public MockResponse handleGet(String path) {
        return guarded(lock.readLock(), () -> {
            ApiPath parsed = ApiPath.parse(path);
            // Watches, and paths that may be API metadata requests, are fabric8's: nothing there scans per request.
            if (!parsed.api() || parsed.resource() == null || path.contains("watch=true")) {
                return super.handleGet(path);
            }
            AttributeSet query = attributeExtractor.fromPath(path);
            Optional<Collection<AttributeSet>> candidates = index.candidates(query, selectorLabels(parsed.query()));
            if (candidates.isEmpty()) {
                return super.handleGet(path);
            }
            boolean one = query.containsKey(KubernetesAttributesExtractor.NAME);
            List<String> items = new ArrayList<>();
            for (AttributeSet key : candidates.get()) {
                if (key.matches(query)) {
                    items.add(map.get(key));
                    if (one) {
                        break;
                    }
                }
            }
            if (one) {
                return items.isEmpty() ? new MockResponse().setResponseCode(404)
                        : new MockResponse().setResponseCode(200).setBody(items.get(0));
            }
            return new MockResponse().setResponseCode(200).setBody(((KubernetesResponseComposer) responseComposer)
                    .compose(items, String.valueOf(resourceVersion)));
        });
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        // Called by fabric8's POST/PUT/PATCH handlers, inside handleCreate/handleUpdate/handlePatch below.
        Optional<Collection<AttributeSet>> candidates = index.candidates(attributes, List.of());
        if (candidates.isEmpty()) {
            return super.findResource(attributes);
        }
        for (AttributeSet key : candidates.get()) {
            if (key.matches(attributes)) {
                return Map.entry(key, map.get(key));
            }
        }
        return null;
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        if (oldAttributes != null) {
            index.remove(oldAttributes);
        }
        if (newState == null) {
            return;
        }
        // The key fabric8 has just stored, found the way it finds it; checked, so that a fabric8 upgrade that keys
        // objects differently fails loudly here instead of answering from a stale index.
        GenericKubernetesResource stored = resource != null ? resource
                : Serialization.unmarshal(newState, GenericKubernetesResource.class);
        AttributeSet key = ((KubernetesAttributesExtractor) attributeExtractor).extract(stored);
        if (!key.containsKey(KubernetesAttributesExtractor.PLURAL)) {
            key = AttributeSet.merge(pathAttributes, key);
        }
        if (!map.containsKey(key)) {
            throw new IllegalStateException("the sandbox store's index lost track of " + path);
        }
        Map<String, String> labels = stored.getMetadata().getLabels();
        index.add(key, labels == null ? List.of() : labels.keySet());
    }

    @Override
    public long requestResourceVersion() {
        long next = super.requestResourceVersion();
        resourceVersion = next;
        return next;
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        return guarded(lock.writeLock(), () -> super.handleCreate(request));
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return guarded(lock.writeLock(), () -> super.handleUpdate(request));
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return guarded(lock.writeLock(), () -> super.handlePatch(request));
    }

    @Override
    public MockResponse handleDelete(String path) {
        return guarded(lock.writeLock(), () -> super.handleDelete(path));
    }

    @Override
    public void reset() {
        guarded(lock.writeLock(), () -> {
            super.reset();
            index.clear();
            return null;
        });
    }

    /** The CustomResourceDefinitions stored right now. */
    List<CustomResourceDefinition> customResourceDefinitions() {
        MockResponse response = handleGet(CRDS);
        String body = new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
        CustomResourceDefinitionList list = StatusResponses.serialization().unmarshal(body,
                CustomResourceDefinitionList.class);
        return list.getItems() == null ? List.of() : list.getItems();
    }

    /** The label keys a {@code labelSelector} mentions: where the index may look first. */
    private static List<String> selectorLabels(String query) {
        List<String> names = new ArrayList<>();
        for (String parameter : query.split("&")) {
            if (!parameter.startsWith("labelSelector=")) {
                continue;
            }
            String selector = URLDecoder.decode(parameter.substring("labelSelector=".length()), StandardCharsets.UTF_8);
            for (String requirement : selector.split(",")) {
                int end = requirement.indexOf('=');
                if (end > 0) {
                    names.add(requirement.substring(0, requirement.charAt(end - 1) == '!' ? end - 1 : end).trim());
                }
            }
        }
        return names;
    }

    private static <T> T guarded(Lock held, Supplier<T> work) {
        held.lock();
        try {
            return work.get();
        } finally {
            held.unlock();
        }
    }
}
