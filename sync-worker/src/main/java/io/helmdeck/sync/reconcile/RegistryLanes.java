package io.helmdeck.sync.reconcile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lane per registry: at most {@code maxRunning} syncs run against it, and at most as many again wait behind
 * them. A registry that is slow or rate limiting therefore holds at most twice its share of the worker's slots, and
 * syncs of other registries keep going.
 */
final class RegistryLanes<T> {

    /** What happened to an offered item. */
    enum Admission {
        /** Start it now; it counts as running. */
        START,
        /** Its registry is busy: it waits and comes back from {@link #finished}. */
        QUEUED,
        /** Its registry's queue is full: do not hold on to it. */
        REFUSED
    }

    private static final class Lane<T> {
        int running;
        final ArrayDeque<T> waiting = new ArrayDeque<>();
    }

    private final int maxRunning;
    private final int maxWaiting;
    private final Map<String, Lane<T>> lanes = new HashMap<>();

    RegistryLanes(int maxRunning, int maxWaiting) {
        this.maxRunning = maxRunning;
        this.maxWaiting = maxWaiting;
    }

    synchronized Admission offer(String registry, T item) {
        Lane<T> lane = lanes.computeIfAbsent(registry, k -> new Lane<>());
        if (lane.running < maxRunning) {
            lane.running++;
            return Admission.START;
        }
        if (lane.waiting.size() < maxWaiting) {
            lane.waiting.add(item);
            return Admission.QUEUED;
        }
        return Admission.REFUSED;
    }

    /** One sync of {@code registry} ended; returns the next waiting item, which now counts as running. */
    synchronized Optional<T> finished(String registry) {
        Lane<T> lane = lanes.get(registry);
        if (lane == null) {
            return Optional.empty();
        }
        T next = lane.waiting.poll();
        if (next == null) {
            lane.running--;
            if (lane.running == 0) {
                lanes.remove(registry);
            }
        }
        return Optional.ofNullable(next);
    }

    /** Registries that can take nothing more: every run slot and every wait slot is in use. */
    synchronized List<String> full() {
        List<String> full = new ArrayList<>();
        lanes.forEach((registry, lane) -> {
            if (lane.running >= maxRunning && lane.waiting.size() >= maxWaiting) {
                full.add(registry);
            }
        });
        return full;
    }

    /**
     * How many more items the fullest lane that is not full yet can take (its waiting room included), or
     * {@link #capacity()} when no lane is in use: the most a claim may ask of one registry without being refused.
     */
    synchronized int room() {
        int room = capacity();
        for (Lane<T> lane : lanes.values()) {
            int left = capacity() - lane.running - lane.waiting.size();
            if (left > 0) {
                room = Math.min(room, left);
            }
        }
        return room;
    }

    /** Most items one registry can hold at once, running and waiting. */
    int capacity() {
        return maxRunning + maxWaiting;
    }

    /** Takes every waiting item out, for shutdown. */
    synchronized List<T> drainWaiting() {
        List<T> drained = new ArrayList<>();
        lanes.values().forEach(lane -> {
            drained.addAll(lane.waiting);
            lane.waiting.clear();
        });
        return drained;
    }
}
