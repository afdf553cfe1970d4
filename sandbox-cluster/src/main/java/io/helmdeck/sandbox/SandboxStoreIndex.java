package io.helmdeck.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;

/**
 * The keys of fabric8's object store filed by resource (plural), by resource and namespace, and by either of those
 * plus one name or label, much as a real API server finds objects by their etcd key prefix. It narrows a query to
 * the keys that can match it; the caller still applies fabric8's own {@code AttributeSet.matches}, so an answer is
 * exactly that of a full scan (same objects, same order: each bucket keeps the store's insertion order). Not
 * thread-safe: {@link SandboxStore} guards it with its lock.
 */
final class SandboxStoreIndex {

    static final String LABEL_PREFIX = "labels:";

    /** fabric8's {@code Value} equals every value when either side is {@code *}, which no hash lookup can honour. */
    private static final String ANY = "*";

    /** Bucket (1–3 attributes, plural first) → stored keys in insertion order. */
    private final Map<List<Attribute>, Set<AttributeSet>> buckets = new HashMap<>();
    /** Stored key → the buckets it was filed in, so that removal needs nothing but the key. */
    private final Map<AttributeSet, List<List<Attribute>>> filed = new HashMap<>();
    /** Keys a lookup by value cannot find (no plural, or a {@code *} value): while any is stored, queries scan. */
    private final Set<AttributeSet> unfiled = new LinkedHashSet<>();

    /** Files a key the store has just stored; {@code labelNames} are the object's label keys. */
    void add(AttributeSet stored, Collection<String> labelNames) {
        Attribute plural = stored.getAttribute(KubernetesAttributesExtractor.PLURAL);
        Attribute namespace = stored.getAttribute(KubernetesAttributesExtractor.NAMESPACE);
        List<Attribute> selective = new ArrayList<>();
        selective.add(stored.getAttribute(KubernetesAttributesExtractor.NAME));
        labelNames.forEach(label -> selective.add(stored.getAttribute(LABEL_PREFIX + label)));
        selective.removeIf(a -> a == null);
        if (plural == null || wildcard(plural) || (namespace != null && wildcard(namespace))
                || selective.stream().anyMatch(SandboxStoreIndex::wildcard)) {
            unfiled.add(stored);
            return;
        }
        List<List<Attribute>> into = new ArrayList<>();
        into.add(scope(plural, null, null));
        if (namespace != null) {
            into.add(scope(plural, namespace, null));
        }
        for (Attribute attribute : selective) {
            into.add(scope(plural, null, attribute));
            if (namespace != null) {
                into.add(scope(plural, namespace, attribute));
            }
        }
        remove(stored);
        into.forEach(bucket -> buckets.computeIfAbsent(bucket, b -> new LinkedHashSet<>()).add(stored));
        filed.put(stored, into);
    }

    void remove(AttributeSet stored) {
        unfiled.remove(stored);
        List<List<Attribute>> from = filed.remove(stored);
        if (from == null) {
            return;
        }
        for (List<Attribute> bucket : from) {
            Set<AttributeSet> keys = buckets.get(bucket);
            if (keys != null && keys.remove(stored) && keys.isEmpty()) {
                buckets.remove(bucket);
            }
        }
    }

    void clear() {
        buckets.clear();
        filed.clear();
        unfiled.clear();
    }

    /**
     * The stored keys that can match {@code query}, in store order; every key that matches is among them. Empty when
     * the query needs a scan of every key (it names no resource, or a stored key cannot be found by value).
     *
     * @param labelNames the label keys the query's selector mentions (only a hint: a missed one costs time, not
     *                   correctness)
     */
    Optional<Collection<AttributeSet>> candidates(AttributeSet query, Collection<String> labelNames) {
        Attribute plural = equality(query, KubernetesAttributesExtractor.PLURAL);
        if (plural == null || !unfiled.isEmpty()) {
            return Optional.empty();
        }
        Attribute namespace = equality(query, KubernetesAttributesExtractor.NAMESPACE);
        Set<AttributeSet> best = buckets.getOrDefault(scope(plural, namespace, null), Set.of());
        List<Attribute> required = new ArrayList<>();
        required.add(equality(query, KubernetesAttributesExtractor.NAME));
        labelNames.forEach(label -> required.add(equality(query, LABEL_PREFIX + label)));
        for (Attribute attribute : required) {
            if (attribute == null) {
                continue;
            }
            // Only objects with this name or label can match: the smallest such bucket is the cheapest to check.
            Set<AttributeSet> narrower = buckets.getOrDefault(scope(plural, namespace, attribute), Set.of());
            if (narrower.size() < best.size()) {
                best = narrower;
            }
        }
        return Optional.of(best);
    }

    private static List<Attribute> scope(Attribute plural, Attribute namespace, Attribute selective) {
        List<Attribute> key = new ArrayList<>(3);
        key.add(plural);
        if (namespace != null) {
            key.add(namespace);
        }
        if (selective != null) {
            key.add(selective);
        }
        return key;
    }

    /** The attribute a query requires to equal one value, or {@code null} (absent, negated, a set, or {@code *}). */
    private static Attribute equality(AttributeSet set, String key) {
        Attribute attribute = set.getAttribute(key);
        return attribute != null && attribute.getType() == AttributeType.WITH && attribute.getValues().size() == 1
                && !wildcard(attribute) ? attribute : null;
    }

    private static boolean wildcard(Attribute attribute) {
        return attribute.getValues().stream().anyMatch(v -> ANY.equals(String.valueOf(v)));
    }
}
