package io.helmdeck.release.render;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Helm's hook annotations of a rendered object as Helm's {@code releaseutil} manifest sorter does: events and
 * delete policies are comma-separated, trimmed and lower-cased; {@code test-success} means {@code test}; a weight that
 * is not an integer counts as 0; an object naming an unknown event is no hook and no resource (Helm skips it).
 */
final class HookParser {

    /** What a rendered object turned out to be. */
    sealed interface Kind permits Resource, HookObject, UnknownHook {
    }

    /** An ordinary object of the main manifest. */
    record Resource() implements Kind {
    }

    /** A hook. */
    record HookObject(Hook hook) implements Kind {
    }

    /** An object whose {@code helm.sh/hook} names an event Helm does not know; Helm drops it. */
    record UnknownHook(String value) implements Kind {
    }

    private HookParser() {
    }

    static Kind classify(ManifestObject object) {
        Map<?, ?> annotations = annotations(object);
        Object hookValue = annotations.get(HookKeys.HOOK);
        if (!annotations.containsKey(HookKeys.HOOK)) {
            return new Resource();
        }
        String hooks = hookValue == null ? "" : hookValue.toString();
        Set<HookEvent> events = EnumSet.noneOf(HookEvent.class);
        for (String part : hooks.split(",", -1)) {
            Optional<HookEvent> event = event(part.strip().toLowerCase(Locale.ROOT));
            if (event.isEmpty()) {
                return new UnknownHook(hooks);
            }
            events.add(event.get());
        }
        return new HookObject(new Hook(object, Set.copyOf(events), weight(annotations.get(HookKeys.HOOK_WEIGHT)),
                deletePolicies(annotations.get(HookKeys.HOOK_DELETE_POLICY))));
    }

    private static Optional<HookEvent> event(String value) {
        if (value.equals("test-success")) {
            return Optional.of(HookEvent.TEST); // Helm 2's name, still accepted by Helm 3
        }
        for (HookEvent event : HookEvent.values()) {
            if (event.wire().equals(value)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    /** Go's strconv.Atoi: optional sign, decimal digits, no spaces; anything else is weight 0. */
    private static int weight(Object value) {
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Helm deletes a hook before creating it again when no policy is given. */
    private static List<String> deletePolicies(Object value) {
        List<String> policies = new ArrayList<>();
        if (value != null) {
            for (String part : value.toString().split(",")) {
                String policy = part.strip().toLowerCase(Locale.ROOT);
                if (!policy.isEmpty()) {
                    policies.add(policy);
                }
            }
        }
        return policies.isEmpty() ? List.of(Hook.BEFORE_HOOK_CREATION) : List.copyOf(policies);
    }

    private static Map<?, ?> annotations(ManifestObject object) {
        if (object.body().get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("annotations") instanceof Map<?, ?> annotations) {
            return annotations;
        }
        return Map.of();
    }
}
