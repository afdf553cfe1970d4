package io.helmdeck.release.reconcile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small in-memory map that forgets its least recently used entry beyond {@code capacity} (0 keeps nothing):
 * what a replica remembers to spare itself work it can always redo. Shared by the reconcile worker threads.
 */
final class RecentlyUsed<K, V> {

    private final int capacity;
    private final Map<K, V> entries;

    RecentlyUsed(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > RecentlyUsed.this.capacity;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    /** Gets and forgets: for what is used once. */
    synchronized V take(K key) {
        return entries.remove(key);
    }

    synchronized void put(K key, V value) {
        if (capacity > 0) {
            entries.put(key, value);
        }
    }

    synchronized void remove(K key) {
        entries.remove(key);
    }
}
