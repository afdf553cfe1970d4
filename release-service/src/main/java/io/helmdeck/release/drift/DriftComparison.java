package io.helmdeck.release.drift;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares an object as Helmdeck rendered it with the object the cluster holds, field by field, looking only at
 * fields Helmdeck set: whatever the API server or other controllers added (defaults, {@code status}, managed fields,
 * extra labels) is not drift. Pure, so every rule is tested on its own (ADR 0023).
 *
 * <ul>
 * <li>A map is compared key by key over the desired keys; a desired {@code null}, empty map or empty list that the
 * live object lacks is not drift (the API server drops them).</li>
 * <li>A list is compared by position; a different length is drift of the whole list (a container added or removed).
 * Elements are compared like maps, so defaults the server added inside a container are not drift.</li>
 * <li>Numbers compare by value ({@code 1} = {@code 1.0}); a number and a string compare by text (a quantity written
 * {@code 1} comes back as {@code "1"}).</li>
 * <li>{@code /metadata/namespace} is not compared: the object is read by its namespace, which the applier sets.</li>
 * </ul>
 */
public final class DriftComparison {

    private static final String NAMESPACE = "/metadata/namespace";

    private DriftComparison() {
    }

    /**
     * The JSON pointers of desired fields that differ in {@code live}, in document order, leaving out every pointer
     * at or under one of {@code ignored}.
     */
    public static List<String> changedFields(Map<String, Object> desired, Map<String, Object> live,
            Collection<String> ignored) {
        List<String> changed = new ArrayList<>();
        compare("", desired, live, changed);
        changed.removeIf(p -> p.equals(NAMESPACE) || ignored.stream().anyMatch(i -> JsonPointers.within(p, i)));
        return changed;
    }

    /**
     * What a correction applies: {@code desired}, except that every ignored field holds what {@code live} holds (or
     * is left out when {@code live} has none), so re-applying the object does not undo what others own there.
     */
    public static Map<String, Object> keepingIgnored(Map<String, Object> desired, Map<String, Object> live,
            Collection<String> ignored) {
        Map<String, Object> copy = deepCopy(desired);
        for (String pointer : ignored) {
            List<String> tokens = JsonPointers.tokens(pointer);
            Object liveValue = resolve(live, tokens);
            if (liveValue == ABSENT) {
                remove(copy, tokens);
            } else {
                put(copy, tokens, deepCopyValue(liveValue));
            }
        }
        return copy;
    }

    private static void compare(String at, Object desired, Object live, List<String> changed) {
        if (desired instanceof Map<?, ?> want) {
            if (!(live instanceof Map<?, ?> have)) {
                if (!(live == null && want.isEmpty())) {
                    changed.add(at);
                }
                return;
            }
            for (Map.Entry<?, ?> e : want.entrySet()) {
                String key = String.valueOf(e.getKey());
                String child = JsonPointers.child(at, key);
                if (!have.containsKey(key) || have.get(key) == null) {
                    if (!emptyOrNull(e.getValue())) {
                        changed.add(child);
                    }
                    continue;
                }
                compare(child, e.getValue(), have.get(key), changed);
            }
        } else if (desired instanceof List<?> want) {
            if (!(live instanceof List<?> have)) {
                if (!(live == null && want.isEmpty())) {
                    changed.add(at);
                }
                return;
            }
            if (want.size() != have.size()) {
                changed.add(at);
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                compare(at + "/" + i, want.get(i), have.get(i), changed);
            }
        } else if (desired != null && !sameScalar(desired, live)) {
            changed.add(at);
        }
    }

    private static boolean emptyOrNull(Object value) {
        return value == null || (value instanceof Map<?, ?> m && m.isEmpty())
                || (value instanceof List<?> l && l.isEmpty());
    }

    private static boolean sameScalar(Object desired, Object live) {
        if (live == null) {
            return false;
        }
        if (desired instanceof Number a && live instanceof Number b) {
            return number(a).compareTo(number(b)) == 0;
        }
        if (desired instanceof Number a && live instanceof String b) {
            return number(a).stripTrailingZeros().toPlainString().equals(b);
        }
        if (desired instanceof String a && live instanceof Number b) {
            return a.equals(number(b).stripTrailingZeros().toPlainString());
        }
        return Objects.equals(desired, live);
    }

    private static BigDecimal number(Number n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }

    private static final Object ABSENT = new Object();

    private static Object resolve(Object node, List<String> tokens) {
        Object at = node;
        for (String token : tokens) {
            if (at instanceof Map<?, ?> map && map.containsKey(token)) {
                at = map.get(token);
            } else if (at instanceof List<?> list && index(token) >= 0 && index(token) < list.size()) {
                at = list.get(index(token));
            } else {
                return ABSENT;
            }
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> tokens, Object value) {
        Object at = root;
        for (int i = 0; i < tokens.size() - 1; i++) {
            String token = tokens.get(i);
            if (at instanceof Map<?, ?> map) {
                Object next = map.get(token);
                if (!(next instanceof Map<?, ?>) && !(next instanceof List<?>)) {
                    next = new LinkedHashMap<String, Object>();
                    ((Map<String, Object>) map).put(token, next);
                }
                at = next;
            } else if (at instanceof List<?> list && index(token) >= 0 && index(token) < list.size()) {
                at = list.get(index(token));
            } else {
                return;
            }
        }
        String last = tokens.get(tokens.size() - 1);
        if (at instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(last, value);
        } else if (at instanceof List<?> list && index(last) >= 0 && index(last) < list.size()) {
            ((List<Object>) list).set(index(last), value);
        }
    }

    private static void remove(Map<String, Object> root, List<String> tokens) {
        Object parent = resolve(root, tokens.subList(0, tokens.size() - 1));
        if (parent instanceof Map<?, ?> map) {
            map.remove(tokens.get(tokens.size() - 1));
        }
    }

    private static int index(String token) {
        if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(token);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        return (Map<String, Object>) deepCopyValue(map);
    }

    private static Object deepCopyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopyValue(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopyValue(v)));
            return copy;
        }
        return value;
    }
}
