package io.helmdeck.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * When a controller first saw each generation of each object: a rollout starts when a new generation (a changed spec)
 * is seen, and the simulated pods become ready a configured delay later. Entries of objects no longer stored are
 * dropped at the end of each pass.
 */
final class RolloutClock {

    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Set<String> seenThisPass = new HashSet<>();

    /** How long ago this generation of the object was first seen (zero the first time). */
    Duration age(HasMetadata object, Instant now) {
        String key = key(object);
        seenThisPass.add(key);
        Instant since = firstSeen.computeIfAbsent(key, k -> now);
        return Duration.between(since, now);
    }

    /** Forgets the objects not looked at since the last call. */
    void endPass() {
        firstSeen.keySet().retainAll(seenThisPass);
        seenThisPass.clear();
    }

    private static String key(HasMetadata object) {
        Long generation = object.getMetadata().getGeneration();
        return object.getMetadata().getUid() + "/" + (generation == null ? 0 : generation);
    }
}
