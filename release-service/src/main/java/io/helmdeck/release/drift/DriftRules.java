package io.helmdeck.release.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.helmdeck.model.DriftIgnoreRule;
import io.helmdeck.model.DriftTarget;
import io.helmdeck.model.InventoryEntry;

/**
 * Which ignore rules of a release apply to one object, as Flux's target selectors pick objects: a rule without a
 * target applies to every object; group, version and kind must be equal; name and namespace are regular
 * expressions that must match the whole value. Pure.
 */
public final class DriftRules {

    private DriftRules() {
    }

    /** The ignored JSON pointers for {@code object}, from every rule whose target selects it. */
    public static List<String> ignoredFor(List<DriftIgnoreRule> rules, InventoryEntry object) {
        List<String> pointers = new ArrayList<>();
        for (DriftIgnoreRule rule : rules) {
            if (selects(rule.target(), object) && rule.paths() != null) {
                pointers.addAll(rule.paths());
            }
        }
        return pointers;
    }

    static boolean selects(DriftTarget target, InventoryEntry object) {
        if (target == null) {
            return true;
        }
        String api = object.apiVersion();
        int slash = api.indexOf('/');
        String group = slash < 0 ? "" : api.substring(0, slash);
        String version = slash < 0 ? api : api.substring(slash + 1);
        return equalOrAny(target.group(), group) && equalOrAny(target.version(), version)
                && equalOrAny(target.kind(), object.kind()) && matchesOrAny(target.name(), object.name())
                && matchesOrAny(target.namespace(), object.namespace() == null ? "" : object.namespace());
    }

    private static boolean equalOrAny(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    private static boolean matchesOrAny(String pattern, String actual) {
        return pattern == null || Pattern.compile(pattern).matcher(actual).matches();
    }
}
